"""Batch comparison of many pairs, in one process or on a Dask cluster.

``manifest`` reads and checks the list of pairs; ``pair`` is what a worker runs for one pair;
``engines`` runs the pairs here or on Dask; ``runner`` plans a batch (``--resume``), records its
rows and writes its index (``index``); ``progress`` shows it on the terminal.
"""
