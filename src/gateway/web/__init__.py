"""The web pages: the gateway's second face, server-rendered HTML on the same services as GraphQL.

A page handler is as thin as a resolver: it parses the form, runs the GraphQL operation the
page stands for in this process (the same resolvers, need-to-know policy and access log), and
renders a template; a refusal's code becomes a Dutch message next to its field (`messages`).
"""
