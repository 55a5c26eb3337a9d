"""Receivers of the users app, connected when `UsersConfig.ready()` imports this module."""
