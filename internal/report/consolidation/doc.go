// Package consolidation holds the tests of the province report's consolidation end to end: the
// rendered DOCX and XLSX read back, and the job under at-least-once delivery and a worker
// killed mid-run, on PostgreSQL, Redis and MinIO. It has no code of its own.
package consolidation
