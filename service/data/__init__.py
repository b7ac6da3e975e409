"""The data layer: keyword-only functions that run named queries and return models.

It never imports FastAPI; routes, the command line and the seeds all write through it.
"""
