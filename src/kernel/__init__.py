"""The shared kernel: what the relay, the matcher, the views and the gateway may all use."""
