"""Renderers: pure functions from findings to text or bytes, one module per output."""
