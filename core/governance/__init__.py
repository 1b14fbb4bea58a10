"""The guideline as a process (金办发〔2025〕10号 Art 5-11, 17-26): roles, the governance records and the duty
calendar derived from them.

Pure Python, no SQL and no sentences: `records` says what each record holds and validates it, `roles` folds
role grants and decides who may approve a limit proposal, `duties` turns the records on file and a day into
the duty calendar (done / due / overdue / not yet). core.store keeps the records; wording.governance words
the codes.
"""
from core.governance.duties import DONE, DUE, DUTIES, NOT_YET, OVERDUE, STATUSES, DutyItem, DutySettings, duty_calendar
from core.governance.records import KINDS, GovernanceRecord, RecordSpec, validate_record
from core.governance.roles import ROLES, approval_refusal, current_roles

__all__ = ["DUE", "DUTIES", "DONE", "NOT_YET", "OVERDUE", "STATUSES", "DutyItem", "DutySettings", "duty_calendar",
           "KINDS", "GovernanceRecord", "RecordSpec", "validate_record", "ROLES", "approval_refusal",
           "current_roles"]
