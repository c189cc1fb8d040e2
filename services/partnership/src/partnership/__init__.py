"""Partnership (kemitraan, PP 7/2021): partners, proposals, curation, agreements, listings,
monthly sales and the regency's compliance view, scoped by partner."""
