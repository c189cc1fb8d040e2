"""The mentoring service of UMKM Juara Events (a skeleton; features come with their issue)."""
