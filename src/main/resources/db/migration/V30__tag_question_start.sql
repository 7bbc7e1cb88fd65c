-- A tag made from a planned question ("Tag all" in the plan panel) marks where that question was asked: the
-- question's position in the plan. Talk time gives the questioning figures of each question from its first mark.
alter table tag add column question_position integer;
