"""Registration service: the register of UMKM and the only place a raw NIK lives."""
