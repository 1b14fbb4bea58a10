"""Words for governance (core.governance, core.store.governance): roles, refusals, duties and their
statuses, record kinds and fields, the sources of the due dates, in Chinese (default) and English.

    refusal_sentence("not_senior_management", {"user": "李明"}, "zh")
    duty_name("quarterly_submission", "en"); status_name("overdue", "zh")
"""
from __future__ import annotations

from typing import Any

from wording import codes

ROLE_NAMES = {
    "senior_management": {"zh": "高级管理层", "en": "senior management"},
    "lead_department": {"zh": "牵头部门", "en": "lead department"},
    "member_officer": {"zh": "成员公司", "en": "member company officer"},
    "internal_audit": {"zh": "内部审计", "en": "internal audit"},
    "board": {"zh": "董事会", "en": "board"},
}

REFUSALS = {
    "not_senior_management": {
        "zh": "{user} 没有“高级管理层”角色：依《指引》第八条，限额由高级管理层审批，且审批人不能是提交人。"
              "请由具有该角色的另一人审批。",
        "en": "{user} does not hold the senior-management role: under Art 8 of the guideline, limits are approved "
              "by senior management, by someone other than the proposer. Ask another person with that role."},
    "role_required": {
        "zh": "{user} 没有记录此事项所需的角色（需要：{needs}）。角色在“首页 › 角色”中声明。",
        "en": "{user} lacks the role needed to record this (needs: {needs}). Roles are declared on Home › Roles."},
    "roles_not_declared": {
        "zh": "本数据库尚未声明任何角色：审批只检查审批人不是提交人。声明角色后，限额须由高级管理层审批。",
        "en": "No roles are declared on this database: a decision is only checked to be by someone other than "
              "the proposer. Once roles are declared, limits need senior management."},
}

DUTY_NAMES = {
    "semiannual_report": {"zh": "半年度集中度风险评估及董事会报告", "en": "Semiannual assessment and board report"},
    "quarterly_submission": {"zh": "季度指标统计报送监管", "en": "Quarterly statistics to the regulator"},
    "annual_chapter": {"zh": "并表管理年度报告集中度章节", "en": "Annual consolidated-report chapter"},
    "disclosure": {"zh": "年度公开信息披露", "en": "Public disclosure"},
    "internal_audit": {"zh": "集中度风险管理内部审计", "en": "Internal audit"},
    "policy_review": {"zh": "制度评估修订", "en": "Policy review"},
    "rating_self_assessment": {"zh": "监管评级自评估", "en": "Rating self-assessment"},
    "major_event_notice": {"zh": "重大事件报告董事会", "en": "Major event reported to the board"},
}

STATUS_NAMES = {
    "done": {"zh": "已完成", "en": "done"},
    "due": {"zh": "即将到期", "en": "due"},
    "overdue": {"zh": "已逾期", "en": "overdue"},
    "not_yet": {"zh": "未到期", "en": "not yet"},
}

RECORD_NAMES = {
    "appetite": {"zh": "风险偏好与容忍度", "en": "Risk appetite and tolerance"},
    "policy": {"zh": "制度文件", "en": "Policy document"},
    "major_event": {"zh": "重大集中度风险事件", "en": "Major concentration event"},
    "board_notification": {"zh": "向董事会报告", "en": "Board notification"},
    "board_opinion": {"zh": "董事会意见", "en": "Board opinion"},
    "submission": {"zh": "监管报送/披露", "en": "Regulator submission"},
    "audit": {"zh": "内部审计", "en": "Internal audit"},
    "member_filing": {"zh": "成员公司备案", "en": "Member filing"},
    "assessment": {"zh": "评级自评估", "en": "Rating self-assessment"},
    "role_grant": {"zh": "角色声明", "en": "Role declaration"},
}

FIELD_NAMES = {
    "dimension": {"zh": "维度", "en": "Dimension"}, "statement": {"zh": "表述", "en": "Statement"},
    "figure": {"zh": "数值", "en": "Figure"}, "unit": {"zh": "单位/口径", "en": "Unit"},
    "approval_body": {"zh": "审批机构", "en": "Approved by"}, "meeting_ref": {"zh": "会议", "en": "Meeting"},
    "approval_date": {"zh": "审批日期", "en": "Approval date"}, "title": {"zh": "标题", "en": "Title"},
    "doc_kind": {"zh": "类别", "en": "Kind"}, "version": {"zh": "版本", "en": "Version"},
    "file_sha256": {"zh": "文件SHA-256", "en": "File SHA-256"},
    "next_review_date": {"zh": "下次评估日期", "en": "Next review"},
    "event_ids": {"zh": "报告的重大事件", "en": "Events reported"}, "body": {"zh": "报告对象", "en": "Body"},
    "notified_on": {"zh": "报告日期", "en": "Date"}, "reference": {"zh": "文号/编号", "en": "Reference"},
    "report_kind": {"zh": "报告", "en": "Report"}, "period": {"zh": "期间", "en": "Period"},
    "meeting": {"zh": "会议", "en": "Meeting"}, "meeting_date": {"zh": "会议日期", "en": "Meeting date"},
    "opinions": {"zh": "意见", "en": "Opinions"}, "follow_up_owner": {"zh": "跟进责任人", "en": "Follow-up owner"},
    "sent_on": {"zh": "报送日期", "en": "Date sent"}, "period_from": {"zh": "审计期间起", "en": "Period from"},
    "period_to": {"zh": "审计期间止", "en": "Period to"}, "audit_date": {"zh": "审计日期", "en": "Audit date"},
    "auditor": {"zh": "审计人", "en": "Auditor"}, "findings": {"zh": "发现", "en": "Findings"},
    "remediation_owner": {"zh": "整改责任人", "en": "Remediation owner"},
    "remediation_date": {"zh": "整改期限", "en": "Remediation date"},
    "member_id": {"zh": "成员公司", "en": "Member"}, "document": {"zh": "文件", "en": "Document"},
    "filed_on": {"zh": "备案日期", "en": "Filed on"}, "occurred_on": {"zh": "发生日期", "en": "Occurred on"},
    "event_kind": {"zh": "事件类别", "en": "Kind"}, "description": {"zh": "说明", "en": "Description"},
    "limit_ids": {"zh": "涉及限额", "en": "Limits"}, "counterparty_ids": {"zh": "涉及交易对手", "en": "Counterparties"},
    "case_ids": {"zh": "超限事项", "en": "Cases"}, "reason": {"zh": "说明", "en": "Why"},
    "user_name": {"zh": "用户", "en": "User"}, "role": {"zh": "角色", "en": "Role"},
}

CHOICE_NAMES = {
    "board": {"zh": "董事会", "en": "board"}, "senior_management": {"zh": "高级管理层", "en": "senior management"},
    "policy": {"zh": "集中度风险管理制度", "en": "policy"},
    "over_limit_procedure": {"zh": "超限额处置流程", "en": "over-limit procedure"},
    "other": {"zh": "其他", "en": "other"},
}
# The kinds of a major event and of a report are wording.codes' (EVENT_KINDS, REPORT_KINDS: the words the
# reports print, one table each). "other" of an event is 其他重大集中度风险事件, not the 其他 of a policy or a
# report kind, so a choice is worded by its field.
FIELD_CHOICES = {"event_kind": codes.EVENT_KINDS, "report_kind": codes.REPORT_KINDS}

PROBLEMS = {
    "required": {"zh": "“{field}”不能为空", "en": "{field} is required"},
    "not_a_choice": {"zh": "“{field}”的值 {value!r} 不在可选范围内", "en": "{field}: {value!r} is not one of the choices"},
    "bad_date": {"zh": "“{field}”须为日期 YYYY-MM-DD，而不是 {value!r}", "en": "{field} must be a date YYYY-MM-DD, not {value!r}"},
    "bad_number": {"zh": "“{field}”须为数字，而不是 {value!r}", "en": "{field} must be a number, not {value!r}"},
    "bad_sha256": {"zh": "“{field}”须为64位十六进制SHA-256", "en": "{field} must be a 64-digit hexadecimal SHA-256"},
    "order": {"zh": "“{field}”不能早于“{after}”", "en": "{field} cannot be before {after}"},
    "not_an_id": {"zh": "“{field}”须为事件编号，而不是 {value!r}", "en": "{field} must be event numbers, not {value!r}"},
    "unknown_field": {"zh": "未知字段 {value!r}", "en": "unknown field {value!r}"},
}

# where each due date comes from (core.governance.duties.SETTING_SOURCES tags)
TAGS = {"article": {"zh": "《指引》原文", "en": "guideline"}, "rating": {"zh": "评级办法", "en": "rating rules"},
        "setting": {"zh": "建议值，可设置", "en": "suggested setting"}}

SETTING_NAMES = {
    "semiannual_months_after": {"zh": "半年度报告：半年结束后（月）", "en": "Semiannual report: months after half year"},
    "quarterly_days_after": {"zh": "季度报送：季度结束后（天）", "en": "Quarterly submission: days after quarter"},
    "annual_chapter_due": {"zh": "年度报告章节：次年（月-日）", "en": "Annual chapter: next year (MM-DD)"},
    "disclosure_due": {"zh": "公开披露：次年（月-日）", "en": "Disclosure: next year (MM-DD)"},
    "audit_due": {"zh": "内部审计：当年（月-日）", "en": "Internal audit: same year (MM-DD)"},
    "policy_review_months": {"zh": "制度评估：上次审批后（月）", "en": "Policy review: months after approval"},
    "rating_deadline": {"zh": "评级自评估：次年（月-日）", "en": "Rating self-assessment: next year (MM-DD)"},
    "event_working_days": {"zh": "重大事件：发生后（工作日）", "en": "Major event: working days after"},
    "due_window_days": {"zh": "“即将到期”窗口（天）", "en": "'Due' window (days)"},
}


def _pick(table: dict, key: str, lang: str) -> str:
    names = table.get(key)
    return key if names is None else names["en" if lang == "en" else "zh"]


def role_name(code: str, lang: str = "zh") -> str:
    return _pick(ROLE_NAMES, code, lang)


def duty_name(code: str, lang: str = "zh") -> str:
    return _pick(DUTY_NAMES, code, lang)


def status_name(code: str, lang: str = "zh") -> str:
    return _pick(STATUS_NAMES, code, lang)


def record_name(kind: str, lang: str = "zh") -> str:
    return _pick(RECORD_NAMES, kind, lang)


def field_name(name: str, lang: str = "zh") -> str:
    return _pick(FIELD_NAMES, name, lang)


def choice_name(code: str, lang: str = "zh", field: str | None = None) -> str:
    """The words of a choice of a record's `field` (core.governance.records): an event or report kind in the
    reports' words (wording.codes), any other from CHOICE_NAMES. Without the field, a code that is only an
    event or report kind still reads as one."""
    tables = [FIELD_CHOICES[field]] if field in FIELD_CHOICES else list(FIELD_CHOICES.values()) if (
        field is None and code not in CHOICE_NAMES) else []
    for table in tables:
        if code in table:
            return table[code][1 if lang == "en" else 0]
    return _pick(CHOICE_NAMES, code, lang)


def tag_name(tag: str, lang: str = "zh") -> str:
    return _pick(TAGS, tag, lang)


def setting_name(name: str, lang: str = "zh") -> str:
    return _pick(SETTING_NAMES, name, lang)


def refusal_sentence(code: str, detail: dict[str, Any] | None, lang: str = "zh") -> str:
    d = dict(detail or {})
    needs = d.get("needs")
    if isinstance(needs, (list, tuple)):
        d["needs"] = "、".join(role_name(r, lang) for r in needs) if lang != "en" else ", ".join(
            role_name(r, lang) for r in needs)
    elif isinstance(needs, str):
        d["needs"] = role_name(needs, lang)
    d.setdefault("user", "")
    template = REFUSALS.get(code)
    if template is None:
        return code
    return template["en" if lang == "en" else "zh"].format(**d)


def problem_sentence(detail: dict[str, Any], lang: str = "zh") -> str:
    """An `invalid_value` of core.store.governance in words: one sentence per problem, joined."""
    items = detail.get("problems") or [detail]
    out = []
    for p in items:
        template = PROBLEMS.get(p.get("problem") or "", PROBLEMS["not_a_choice"])
        out.append(template["en" if lang == "en" else "zh"].format(
            field=field_name(str(p.get("field", "")), lang), value=p.get("value"),
            after=field_name(str(p.get("after", "")), lang)))
    return ("；" if lang != "en" else "; ").join(out)
