"""Lifelong Links relationship-discovery service."""
