"""The offline sync protocol shared by client and server."""
