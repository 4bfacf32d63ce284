"""Analysis steps for one report: ingest -> metadata -> sections -> sentences -> match -> structure -> score."""
