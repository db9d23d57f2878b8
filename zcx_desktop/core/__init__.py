"""Core logic of ZCX Desktop: no Qt here, usable from the CLI and the tests."""
