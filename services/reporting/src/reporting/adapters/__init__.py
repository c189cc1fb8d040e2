"""The read models in MongoDB (generations, indexes, the store, queries), the lag probe, exports."""
