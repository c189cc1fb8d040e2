"""Provision and run the real local stack: Kafka (KRaft) and mongo-java-server, on loopback."""
