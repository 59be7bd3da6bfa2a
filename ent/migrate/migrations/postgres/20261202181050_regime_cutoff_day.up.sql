-- modify "reporting_regimes" table
ALTER TABLE "reporting_regimes" ADD COLUMN "cutoff_day" bigint NOT NULL DEFAULT 0;
