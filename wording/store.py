"""Sentences about the history database: why it cannot be opened or written (core.store.StoreError codes a
user can act on) and what `db verify` found (core.store.chain.Problem codes), in English and Chinese.

    store_error_sentence("busy", {"path": "h.sqlite3"}, "en")
    problem_sentence(Problem("record_changed", {"seq": 7, "entity": "case_event", "row_id": 3}), "zh")
"""
from __future__ import annotations

from typing import Any

# StoreError codes that are about the file, not about a record (the ones a user fixes outside RiskDesk)
STORE_ERRORS = {
    "busy": {"en": "The database {path} is in use by another program that is writing to it; RiskDesk waited "
                   "{seconds} seconds and gave up. Nothing was changed. Close the other program (or wait) and try again.",
             "zh": "数据库 {path} 正被另一个程序写入；RiskDesk 等待了 {seconds} 秒后放弃。未做任何更改。"
                   "请关闭该程序（或稍候）后重试。"},
    "disk_full": {"en": "The disk holding the database {path} is full. Nothing of this change was written; free "
                        "some space and try again.",
                  "zh": "数据库 {path} 所在的磁盘已满。本次更改未写入任何内容；请腾出空间后重试。"},
    "read_only": {"en": "The database {path} is open read-only (for viewing and reports): nothing can be "
                        "recorded in it. Open a writable copy to record.",
                  "zh": "数据库 {path} 以只读方式打开（仅供查看和出报告），不能在其中记录任何内容。如需记录，请打开可写的副本。"},
    "unreadable": {"en": "The database {path} cannot be read ({reason}). Nothing was changed.",
                   "zh": "无法读取数据库 {path}（{reason}）。未做任何更改。"},
    "not_a_database": {"en": "The file {path} is not a database, or it is damaged. Nothing was changed; "
                             "restore it from a backup.",
                       "zh": "文件 {path} 不是数据库，或已损坏。未做任何更改；请从备份恢复。"},
    "not_riskdesk": {"en": "The file {path} is a database of another application, not a RiskDesk history.",
                     "zh": "文件 {path} 是其他应用程序的数据库，不是 RiskDesk 历史数据库。"},
    "newer_schema": {"en": "The file {path} was written by a newer version of RiskDesk. Update RiskDesk to open it.",
                     "zh": "文件 {path} 由更新版本的 RiskDesk 写入。请升级 RiskDesk 后再打开。"},
    "user_required": {"en": "Saving needs your name: set it in Settings › User Name, then save again.",
                      "zh": "保存需要您的姓名：请在“设置 › 用户名”中填写后重新保存。"},
    "cannot_open": {"en": "The database {path} cannot be opened or created ({reason}). Check that its folder "
                          "exists and that you may write to it.",
                    "zh": "无法打开或创建数据库 {path}（{reason}）。请检查其文件夹是否存在以及您是否有写入权限。"},
}

# names of the tables, as an officer knows the records
ENTITIES = {
    "journal": {"en": "journal entry", "zh": "日志条目"},
    "assessment": {"en": "rating assessment", "zh": "评级评估"},
    "snapshot": {"en": "data snapshot", "zh": "数据快照"},
    "snapshot_withdrawal": {"en": "snapshot withdrawal", "zh": "快照撤回"},
    "evaluation": {"en": "evaluation", "zh": "评估结果"},
    "limit_set": {"en": "limit set", "zh": "限额集"},
    "limit_proposal": {"en": "limit proposal", "zh": "限额提案"},
    "limit_decision": {"en": "limit decision", "zh": "限额审批"},
    "limit_proposal_withdrawal": {"en": "proposal withdrawal", "zh": "提案撤回"},
    "limit_set_version": {"en": "limit-set version", "zh": "限额集版本"},
    "breach_case": {"en": "breach case", "zh": "超限事项"},
    "case_event": {"en": "breach-case event", "zh": "超限事项记录"},
    "report": {"en": "report record", "zh": "报告记录"},
    "officer_text": {"en": "officer text", "zh": "说明文本"},
    "board_approval": {"en": "board approval", "zh": "董事会审批"},
    # governance records (schema v6, core.store.governance)
    "role_grant": {"en": "role declaration", "zh": "角色声明"},
    "appetite_statement": {"en": "appetite statement", "zh": "风险偏好陈述"},
    "policy_document": {"en": "policy document", "zh": "制度文件"},
    "major_event": {"en": "major event", "zh": "重大事件"},
    "board_notification": {"en": "board notification", "zh": "向董事会报告"},
    "board_opinion": {"en": "board opinion", "zh": "董事会意见"},
    "regulator_submission": {"en": "regulator submission", "zh": "监管报送"},
    "internal_audit": {"en": "internal audit", "zh": "内部审计"},
    "member_filing": {"en": "member filing", "zh": "成员公司备案"},
}

_ENTRY = {"en": "chain entry {seq} ({entity} {row_id})", "zh": "链条目 {seq}（{entity} {row_id}）"}

PROBLEMS = {
    "integrity": {"en": "SQLite's integrity check fails: {message} ({count} finding(s)): the file is damaged",
                  "zh": "SQLite 完整性检查未通过：{message}（共 {count} 项）：文件已损坏"},
    "foreign_key": {"en": "a row of {entity} (rowid {row_id}) refers to a {parent} that does not exist",
                    "zh": "{entity} 中的一行（rowid {row_id}）引用了不存在的 {parent}"},
    "not_riskdesk": {"en": "not a RiskDesk history (application id {application_id})",
                     "zh": "不是 RiskDesk 历史数据库（application id {application_id}）"},
    "newer_schema": {"en": "written by a newer RiskDesk (schema v{found}; this version knows v{supported})",
                     "zh": "由更新版本的 RiskDesk 写入（结构 v{found}；本版本支持 v{supported}）"},
    "no_chain": {"en": "schema v{found} has no hash chain yet (it came with v{since}): open the file in RiskDesk "
                       "once to migrate it (a backup is made first), then verify again",
                 "zh": "结构 v{found} 尚无哈希链（v{since} 起才有）：请先用 RiskDesk 打开一次以升级（升级前会自动备份），再次校验"},
    "object_missing": {"en": "the {type} {name} (on {table}) is missing: it was dropped",
                       "zh": "{table} 上的 {type} {name} 缺失：已被删除"},
    "object_changed": {"en": "the {type} {name} (on {table}) is not as RiskDesk created it: it was edited",
                       "zh": "{table} 上的 {type} {name} 与 RiskDesk 创建的不一致：已被修改"},
    "object_extra": {"en": "the {type} {name} (on {table}) was not created by RiskDesk",
                     "zh": "{table} 上的 {type} {name} 不是 RiskDesk 创建的"},
    "chain_gap": {"en": _ENTRY["en"] + ": entry {expected} is missing before it",
                  "zh": _ENTRY["zh"] + "：其前的条目 {expected} 缺失"},
    "chain_link": {"en": _ENTRY["en"] + ": does not follow the entry before it (the chain was cut or spliced)",
                   "zh": _ENTRY["zh"] + "：与前一条目不衔接（链被截断或拼接）"},
    "chain_hash": {"en": _ENTRY["en"] + ": its hash is wrong (the entry was edited)",
                   "zh": _ENTRY["zh"] + "：哈希值不符（条目被修改）"},
    "chain_entity": {"en": _ENTRY["en"] + ": names a table that holds no records",
                     "zh": _ENTRY["zh"] + "：指向一个不保存记录的表"},
    "record_missing": {"en": _ENTRY["en"] + ": the record is gone (it was deleted)",
                       "zh": _ENTRY["zh"] + "：记录已不存在（被删除）"},
    "record_changed": {"en": _ENTRY["en"] + ": the record is not as it was written (it, or a row of it, was changed)",
                       "zh": _ENTRY["zh"] + "：记录与写入时不一致（记录或其中的行被修改）"},
    "record_unchained": {"en": "{entity} {row_id} has no chain entry: it was not written by RiskDesk",
                         "zh": "{entity} {row_id} 没有链条目：不是由 RiskDesk 写入的"},
    "report_head_missing": {"en": "report record {report_id} was made from chain head {head}, which is no longer "
                                  "in the chain: the history before it was rewritten",
                            "zh": "报告记录 {report_id} 生成时的链头 {head} 已不在链中：其之前的历史被改写"},
    "head_not_found": {"en": "the chain head {head} is not in the chain: the history it stood for was rewritten "
                             "(or the head was mistyped)",
                       "zh": "链头 {head} 不在链中：它所代表的历史已被改写（或链头输入有误）"},
    "unreadable": {"en": "the file cannot be read: {reason}", "zh": "无法读取文件：{reason}"},
    "not_a_database": {"en": "not a database, or damaged beyond reading: {reason}",
                       "zh": "不是数据库，或已损坏无法读取：{reason}"},
}

SUMMARY = {
    "ok": {"en": "{path}: the history verifies: {entries} chain entries, head {head}; schema v{version} with "
                 "every trigger in place; SQLite's integrity check passes.",
           "zh": "{path}：历史校验通过：{entries} 个链条目，链头 {head}；结构 v{version}，所有触发器完好；SQLite 完整性检查通过。"},
    # the team database (PostgreSQL): its storage is the server's to check, not ours
    "ok_team": {"en": "{path}: the history verifies: {entries} chain entries, head {head}; schema v{version} with "
                      "every trigger in place.",
                "zh": "{path}：历史校验通过：{entries} 个链条目，链头 {head}；结构 v{version}，所有触发器完好。"},
    "ok_quick": {"en": "{path}: the newest entries, the schema and SQLite's quick check are in order.",
                 "zh": "{path}：最新条目、数据库结构和 SQLite 快速检查均正常。"},
    "failed": {"en": "{path}: the history does NOT verify ({n} problem(s)). First: {first}",
               "zh": "{path}：历史校验未通过（{n} 个问题）。第一个：{first}"},
}


class _Fields(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _lang(lang: str) -> str:
    return "zh" if str(lang).lower().startswith("zh") else "en"


def store_error_sentence(code: str, detail: dict[str, Any] | None = None, lang: str = "en") -> str | None:
    """The sentence for a StoreError code about the file (None for codes about records)."""
    texts = STORE_ERRORS.get(code)
    if texts is None:
        return None
    fields = _Fields({"path": "", "reason": "", "seconds": 10, **(detail or {})})
    return texts[_lang(lang)].format_map(fields)


def entity_name(entity: str, lang: str = "en") -> str:
    return ENTITIES.get(entity, {}).get(_lang(lang), entity)


def problem_sentence(problem: Any, lang: str = "en") -> str:
    """One `core.store.chain.Problem`, in words."""
    l = _lang(lang)
    detail = dict(problem.detail)
    if "entity" in detail:
        detail["entity"] = entity_name(detail["entity"], l)
    if "table" in detail:
        detail["table"] = detail["table"]
    texts = PROBLEMS.get(problem.code)
    if texts is None:
        return f"{problem.code}: {problem.detail}"
    return texts[l].format_map(_Fields(detail))


def verification_summary(result: Any, lang: str = "en", short_head: str = "") -> str:
    """The one line that says whether a `core.store.verify.Verification` holds."""
    l = _lang(lang)
    path = result.path or ("(内存数据库)" if l == "zh" else "(in memory)")
    if result.ok:
        team = str(result.path or "").startswith(("postgresql://", "postgres://"))
        key = ("ok_team" if team else "ok") if result.full else "ok_quick"
        return SUMMARY[key][l].format_map(_Fields(path=path, entries=result.entries, head=short_head or "—",
                                                  version=result.schema_version))
    return SUMMARY["failed"][l].format_map(_Fields(path=path, n=len(result.problems),
                                                   first=problem_sentence(result.problems[0], l)))
