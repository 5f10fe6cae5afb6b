-- Who POSTed the envelope a status resource reports: only that user may read it (the status lists
-- the ids it sent). Rows from before this column have no owner and are shown to nobody.
ALTER TABLE taxii_status ADD COLUMN owner VARCHAR(200);
