-- reverse: modify "reporting_regimes" table
ALTER TABLE "reporting_regimes" DROP COLUMN "cutoff_day";
