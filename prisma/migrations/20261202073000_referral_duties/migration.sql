-- The clock a referral starts is the receiving service's to answer within 2 working days: a
-- partnership service standard, not Victims' Code Right 4 (the police's and the WCU's duty to
-- refer her within 2 working days of her needs assessment, timed from now on as RIGHT_4_REFERRAL).
UPDATE "StatutoryClock" SET duty = 'REFERRAL_ACKNOWLEDGEMENT' WHERE duty = 'RIGHT_4_REFERRAL';
