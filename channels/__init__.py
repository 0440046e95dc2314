"""The project's own input channels (registered in credentials.yml by module path)."""
