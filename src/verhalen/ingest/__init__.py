"""Reading stories in: files and tables, the identifier check, segmentation into fragments."""
