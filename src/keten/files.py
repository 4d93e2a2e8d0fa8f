"""Everything keten keeps under its data dir is for keten alone: files 0600, directories 0700.

The contents are encrypted where they are personal, but names, sizes and times of files still
tell something, and a key store or a secret readable by every local user is one mistake away
from a leak. A umask set when a keten command starts covers every file it and its children
(the embedded broker) create from then on, whatever library creates it; what an older version
left readable is tightened on the same occasion.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077
FILE_MODE, DIRECTORY_MODE = 0o600, 0o700


def keep_private(data_dir: Path) -> None:
    """Sets the process umask, and tightens whatever the data dir already holds."""
    os.umask(PRIVATE_UMASK)
    if not data_dir.is_dir():
        return
    os.chmod(data_dir, DIRECTORY_MODE)
    for root, directories, files in os.walk(data_dir):
        for name in directories:
            _tighten(Path(root) / name, DIRECTORY_MODE)
        for name in files:
            _tighten(Path(root) / name, FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    # A symlink is left as it is: chmod would change what it points to, maybe outside the data dir.
    if not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) != mode:
        os.chmod(path, mode)
