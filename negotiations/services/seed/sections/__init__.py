"""One loader per section of the seed record, each ``load(loader, items)``; ``base`` holds the
``Loader`` they share. ``seed.loader`` calls them in order."""
