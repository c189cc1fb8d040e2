"""Published event contracts of UMKM Juara Events and the plumbing the services share."""
