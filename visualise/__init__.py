"""Network maps (ecomap and family tree) built with pyvis from plain graph models.

Nothing is drawn yet: the maps are the network-maps issue's work, built on the family graph.
"""
