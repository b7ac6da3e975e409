"""Network maps: the ecomap and the family tree as self-contained pages built with pyvis
(`maps`), on positions computed on the server (`layout`)."""
