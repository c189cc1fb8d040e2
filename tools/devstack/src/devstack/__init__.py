"""Provision and run the real local stack: Apache Kafka (KRaft) and FerretDB, on loopback."""
