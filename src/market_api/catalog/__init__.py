"""The seller's catalogue: Market categories, offers, warehouses, daily stock, the reviews-for-points program."""
