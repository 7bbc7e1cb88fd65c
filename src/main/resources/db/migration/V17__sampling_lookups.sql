-- "Draw now" finds the signed result sheets of the assessors a plan covers by their signer, rather than reading every
-- learner's sheets; what is due is read with a join from a plan's sampled draws.
create index result_sheet_signed_by on result_sheet (signed_by, status);
create index sampling_draw_plan_sampled on sampling_draw (plan_id, sampled, drawn_at);
