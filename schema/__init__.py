"""The GraphQL face of the service: a thin layer over api/ services."""

from schema.build import build_schema, export_sdl

__all__ = ["build_schema", "export_sdl"]
