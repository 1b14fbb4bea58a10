<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FactsForm</name>
    <message>
        <location filename="../../ui/rating/widgets.py" line="+184"/>
        <source>ESG bonus</source>
        <translation>ESG 专项加分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Net assets</source>
        <translation>净资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale premium</source>
        <translation>规模保费收入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scale premium growth</source>
        <translation>规模保费增速</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry premium growth</source>
        <translation>行业平均保费增速</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Years in operation</source>
        <translation>开业年限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest investment in one related party</source>
        <translation>单一关联方最大投资余额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Core solvency ratio</source>
        <translation>核心偿付能力充足率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comprehensive solvency ratio</source>
        <translation>综合偿付能力充足率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>100 m yuan</source>
        <translation>亿元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>years</source>
        <translation>年</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>points</source>
        <translation>分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In 100 million yuan (亿元), e.g. 56 for 5.6 billion yuan.</source>
        <translation>单位亿元，例如 56 表示 56 亿元。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In percent, e.g. 11 for 11%.</source>
        <translation>单位 %，例如 11 表示 11%。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole years; three or more applies U3&apos;s comparison with the industry.</source>
        <translation>整年数；满三年（含）的公司适用 U3 与行业增速的比较。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bonus points for green and inclusive insurance.</source>
        <translation>绿色保险、普惠保险等 ESG 履责情况的专项加分。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not given</source>
        <translation>未提供</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IRR class (C-ROSS)</source>
        <translation>风险综合评级（偿二代）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bonus points for green and inclusive insurance, at most {cap}.</source>
        <translation>绿色保险、普惠保险等 ESG 履责情况的专项加分，最多 {cap} 分。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{name}: {problem} The value was not changed.</source>
        <translation>{name}：{problem}数值未修改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+4"/>
        <source>Set {name}</source>
        <translation>修改{name}</translation>
    </message>
</context>
<context>
    <name>FieldListModel</name>
    <message>
        <location filename="../../ui/rating/models.py" line="+376"/>
        <source>{name}: {problem} The value was not changed.</source>
        <translation>{name}：{problem}数值未修改。</translation>
    </message>
</context>
<context>
    <name>FlagsForm</name>
    <message>
        <location filename="../../ui/rating/widgets.py" line="+21"/>
        <source>A tick fires its rule whatever the scores and facts say; it never stops a rule that the scores or facts fire. Write the basis for every tick.</source>
        <translation>勾选即触发对应规则，不论得分和事实如何；勾选不会阻止由得分或事实触发的规则。每个勾选项请写明依据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Basis (document, finding, date)</source>
        <translation>依据（文件、认定事项、日期）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Tick {rule}</source>
        <translation>勾选 {rule}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Untick {rule}</source>
        <translation>取消勾选 {rule}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Basis of {rule}</source>
        <translation>修改 {rule} 的依据</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../ui/rating/history_panel.py" line="+85"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Self-assessment</source>
        <translation>自评</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Regulator</source>
        <translation>监管评级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+252"/>
        <source>Rulebook</source>
        <translation>评级规则</translation>
    </message>
    <message>
        <location line="-252"/>
        <location line="+172"/>
        <location line="+81"/>
        <source>Final level</source>
        <translation>最终等级</translation>
    </message>
    <message>
        <location line="-253"/>
        <source>Saved at</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved by</source>
        <translation>保存人</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>As assessed</source>
        <translation>原评估</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Under the other rulebook</source>
        <translation>按另一评级规则</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Compared with last period</source>
        <translation>与上期对比</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Regulator&apos;s rating</source>
        <translation>监管评级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved assessments</source>
        <translation>已保存的评估</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Other rulebook</source>
        <translation>换规则重算</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute under another rulebook</source>
        <translation>按另一评级规则重算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute under</source>
        <translation>重算所用评级规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the assessment being edited</source>
        <translation>改用当前编辑的评估</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>self-assessment</source>
        <translation>自评</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>regulator</source>
        <translation>监管评级</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>this period</source>
        <translation>本期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No result to chart yet.</source>
        <translation>尚无可作图的结果。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{period} (saved)</source>
        <translation>{period}（已保存）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>low risk ≥ 85</source>
        <translation>低风险 ≥ 85</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>high risk ≤ 60</source>
        <translation>高风险 ≤ 60</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No saved self-assessment of an earlier period for this company.</source>
        <translation>该公司没有已保存的上期自评。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{prev}: level {plevel}, composite {pc}  →  {cur}: level {clevel}, composite {cc}</source>
        <translation>{prev}：{plevel} 级，综合得分 {pc}  →  {cur}：{clevel} 级，综合得分 {cc}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The regulator rated {prev} level {level} (self-assessment: level {own}).</source>
        <translation>监管机构对 {prev} 年度的评级为 {level} 级（当年自评 {own} 级）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No regulator&apos;s rating recorded for this company and period. Record it with “Regulator&apos;s rating…” when it arrives.</source>
        <translation>尚未录入该公司本期的监管评级。收到后请点击“录入监管评级…”。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>same</source>
        <translation>一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>regulator {n} level(s) worse</source>
        <translation>监管评级低 {n} 个等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>regulator {n} level(s) better</source>
        <translation>监管评级高 {n} 个等级</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Regulator&apos;s rating for {period}: level {level}, received {date}.</source>
        <translation>{period} 年度监管评级：{level} 级，收到日期 {date}。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Saved record {id}: {company} {period}, {rulebook} {version}</source>
        <translation>已保存记录 {id}：{company} {period}，{rulebook} {version}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The assessment being edited</source>
        <translation>当前编辑的评估</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Composite score</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base level</source>
        <translation>基础等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rules that fired</source>
        <translation>触发的规则</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Measures</source>
        <translation>监管措施</translation>
    </message>
</context>
<context>
    <name>InputsPanel</name>
    <message>
        <location filename="../../ui/rating/inputs_panel.py" line="+79"/>
        <source>Set {name}</source>
        <translation>修改{name}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Element</source>
        <translation>评级要素</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Floor</source>
        <translation>权重下限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight %</source>
        <translation>权重 %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set the weight of {name} to {value}%</source>
        <translation>将{name}的权重设为 {value}%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lower bound</source>
        <translation>分数下限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the lower bound of {name} to {value}</source>
        <translation>将等级 {name} 的分数下限设为 {value}</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Scores and facts</source>
        <translation>评分与事实数据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tick boxes</source>
        <translation>勾选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weights &amp;&amp; brackets</source>
        <translation>权重与分档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Facts (amounts in 100 million yuan, ratios in %)</source>
        <translation>事实数据（金额单位亿元，比率单位 %）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company type</source>
        <translation>公司类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type-specific element (optional)</source>
        <translation>特定类型要素（可选）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>life insurer</source>
        <translation>人身保险公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>health insurer</source>
        <translation>健康保险公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>property and casualty insurer</source>
        <translation>财产保险公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reinsurer (may leave out consumer protection)</source>
        <translation>再保险公司（可不设消费者权益保护要素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>insurance group</source>
        <translation>保险集团</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type a score (0–100, at most two decimals) and press Enter; the result follows as you type. Tick “By sub-categories” to score a dimension from its sub-categories. Risk: ≥ 85 low, 60–85 medium, ≤ 60 high.</source>
        <translation>输入得分（0–100，最多两位小数）后按回车，结果随输入即时更新。勾选“按要点评分”可由要点得分计算维度得分。风险水平：≥ 85 低，60–85 中，≤ 60 高。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>The weights and score brackets of {doc} are not public: set them here. The weights must respect each element&apos;s floor and add up to 100% (now {total}%); each grade applies from its lower bound. Without them the screen does not grade.</source>
        <translation>{doc}的要素权重和分数分档未公开，请在此设置。各要素权重不得低于其下限，合计须为 100%（目前 {total}%）；每个等级自其分数下限（含）起适用。未设置时本界面不给出评级。</translation>
    </message>
</context>
<context>
    <name>RatingActions</name>
    <message>
        <location filename="../../ui/rating/actions.py" line="+40"/>
        <source>New assessment</source>
        <translation>新建评估</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+79"/>
        <source>The database is not open: the assessment cannot be saved now.</source>
        <translation>数据库未打开：暂时无法保存。</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Nothing changed since record {id} was saved: nothing to save.</source>
        <translation>自记录 {id} 保存以来没有改动，无需保存。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name the company and the period before saving.</source>
        <translation>保存前请填写公司和期间。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Saved: {company} {period}, level {level} (record {id}).</source>
        <translation>已保存：{company} {period}，{level} 级（记录 {id}）。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open {company} {period}</source>
        <translation>打开 {company} {period}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Opened the assessment of {company} for {period} (record {id}).</source>
        <translation>已打开 {company} {period} 的评估（记录 {id}）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> The rulebook file has changed since it was saved (different SHA-256).</source>
        <translation> 评级规则文件自保存后已改变（SHA-256 不同）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name the company and the period first.</source>
        <translation>请先填写公司和期间。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Import a rating input</source>
        <translation>导入评级输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rating inputs (*.json *.xlsx)</source>
        <translation>评级输入 (*.json *.xlsx)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import {file}</source>
        <translation>导入 {file}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported {file}.</source>
        <translation>已导入 {file}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export as JSON</source>
        <translation>导出为 JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export as XLSX template</source>
        <translation>导出为 XLSX 模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Exported {file}.</source>
        <translation>已导出 {file}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
</context>
<context>
    <name>RatingDraft</name>
    <message>
        <location filename="../../ui/rating/draft.py" line="+68"/>
        <location line="+15"/>
        <source>“{text}” is not a number.</source>
        <translation>“{text}”不是数字。</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>{value} is outside {lo}–{hi}: enter a value between {lo} and {hi}.</source>
        <translation>{value} 超出 {lo}–{hi}：请输入 {lo} 到 {hi} 之间的数值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{value} has more than {places} decimals.</source>
        <translation>{value} 的小数超过 {places} 位。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{value} is negative: this figure cannot be below 0.</source>
        <translation>{value} 为负数：此项不能小于 0。</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../../ui/rating/screen.py" line="+280"/>
        <source>{name}: {problem} The weight was not changed.</source>
        <translation>{name}：{problem}。权重未修改。</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+8"/>
        <source>Use rulebook {id}</source>
        <translation>改用评级规则 {id}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Set {name}</source>
        <translation>修改{name}</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>grade {grade}</source>
        <translation>等级 {grade}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>brackets</source>
        <translation>分档</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Scores still to enter: {names}.</source>
        <translation>尚待填写的得分：{names}。</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>the element weights</source>
        <translation>要素权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the score brackets</source>
        <translation>分数分档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot grade: {what} of {rulebook} are not public and have not been filled in. Fill them in under “Weights &amp; brackets”; the tool does not guess them.</source>
        <translation>无法评级：{rulebook} 的{what}未公开，且尚未填写。请在“权重与分档”中填写；本工具不会自行猜测。</translation>
    </message>
</context>
<context>
    <name>RatingToolbar</name>
    <message>
        <location filename="../../ui/rating/toolbar.py" line="+42"/>
        <source>Write the period as a year, e.g. 2025.</source>
        <translation>评级期间请写年度，例如 2025。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Rulebook</source>
        <translation>评级规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 2025</source>
        <translation>如 2025</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As JSON…</source>
        <translation>JSON 文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As XLSX template…</source>
        <translation>XLSX 模板…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regulator&apos;s rating…</source>
        <translation>录入监管评级…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>● unsaved</source>
        <translation>● 未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The assessment has changes not saved yet.</source>
        <translation>本次评估有尚未保存的修改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing changed since record {id} was saved.</source>
        <translation>自记录 {id} 保存以来没有改动。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the assessment as a new record (Ctrl+S)</source>
        <translation>将本次评估保存为一条新记录（Ctrl+S）</translation>
    </message>
</context>
<context>
    <name>RegulatorDialog</name>
    <message>
        <location filename="../../ui/rating/dialogs.py" line="+31"/>
        <source>Record the regulator&apos;s rating</source>
        <translation>录入监管评级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rating of {company} for {period} as the regulator communicated it.</source>
        <translation>监管机构通知的 {company} {period} 年度评级结果。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. the letter&apos;s reference and the regulator&apos;s main findings</source>
        <translation>例如：监管函文号及主要评价意见</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received on</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dimension scores the regulator gave (optional)</source>
        <translation>监管给出的维度得分（可选）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not given</source>
        <translation>未提供</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../ui/rating/result_panel.py" line="+84"/>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>加权分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Contributions: weight × score = points</source>
        <translation>得分构成：权重 × 得分 = 加权分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisory measures for this level</source>
        <translation>该等级对应的监管措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What would it take to reach a better level</source>
        <translation>如何提升评级</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rate under {rulebook} instead</source>
        <translation>改用 {rulebook} 评级</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot grade</source>
        <translation>无法评级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No result yet</source>
        <translation>尚无结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The input is incomplete or has problems:</source>
        <translation>输入不完整或有问题：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>… and {n} more</source>
        <translation>……另有 {n} 项</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Final level {level}</source>
        <translation>最终等级 {level} 级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base level {base} → final level {final}</source>
        <translation>基础等级 {base} 级 → 最终等级 {final} 级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Composite score &lt;b&gt;{c}&lt;/b&gt; (weighted {w} + ESG bonus {e})</source>
        <translation>综合得分 &lt;b&gt;{c}&lt;/b&gt;（加权得分 {w} + ESG 加分 {e}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Composite score &lt;b&gt;{c}&lt;/b&gt; (weighted score, no ESG bonus)</source>
        <translation>综合得分 &lt;b&gt;{c}&lt;/b&gt;（加权得分，无 ESG 加分）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Boundary note: {text}</source>
        <translation>临界提示：{text}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Weighted score</source>
        <translation>加权得分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ESG bonus (cap {cap})</source>
        <translation>ESG 加分（上限 {cap}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Composite score</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>level {level}</source>
        <translation>{level} 级</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Solvency (next to M3): {text}</source>
        <translation>偿付能力（M3 参考）：{text}</translation>
    </message>
</context>
<context>
    <name>ScoreTreeModel</name>
    <message>
        <location filename="../../ui/rating/models.py" line="-245"/>
        <source>Dimension / sub-category</source>
        <translation>维度 / 要点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By sub-categories</source>
        <translation>按要点评分</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Type-specific element added by the officer (see “Weights &amp; brackets”).</source>
        <translation>自行增加的特定类型要素（见“权重与分档”）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source: {tag}</source>
        <translation>来源：{tag}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Computed from the sub-category scores (weighted average).</source>
        <translation>由要点得分加权平均计算。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the dimension score, 0–100, at most two decimals.</source>
        <translation>输入维度得分，0–100，最多两位小数。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tick “By sub-categories” on the dimension to score it from its sub-categories.</source>
        <translation>在维度行勾选“按要点评分”后，才可按要点打分。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Score this dimension as the weighted average of its sub-categories.</source>
        <translation>以要点得分的加权平均作为该维度得分。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Score {dim} by sub-categories</source>
        <translation>{dim}改为按要点评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score {dim} directly</source>
        <translation>{dim}改为直接评分</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name}: {problem} The score was not changed.</source>
        <translation>{name}：{problem}得分未修改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set {name} to {score}</source>
        <translation>将{name}设为 {score}</translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message>
        <location filename="../../ui/rating/result_panel.py" line="+13"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Holds</source>
        <translation>成立</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Because</source>
        <translation>判断依据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effect</source>
        <translation>影响</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Adjustment rules (fired rules highlighted)</source>
        <translation>动态调整规则（已触发的规则高亮显示）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>TypeSpecificForm</name>
    <message>
        <location filename="../../ui/rating/widgets.py" line="+156"/>
        <source>Give the type-specific element a name, e.g. 再保险业务.</source>
        <translation>请为特定类型要素命名，例如“再保险业务”。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The name is longer than {n} characters.</source>
        <translation>名称超过 {n} 个字。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The method allows one more element for the company&apos;s type (for example reinsurance business for a reinsurer), weighing more than 0 and at most {cap}. Its weight counts in the 100%.</source>
        <translation>办法允许按公司类型增加一个特定类型要素（例如再保险公司的再保险业务），权重大于 0 且不超过 {cap}，计入 100% 之内。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 再保险业务</source>
        <translation>例如：再保险业务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Percent, more than 0 and at most {cap}.</source>
        <translation>百分比，大于 0 且不超过 {cap}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0–100, at most two decimals.</source>
        <translation>0–100，最多两位小数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the element</source>
        <translation>增加要素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the element</source>
        <translation>删除要素</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Give the element a weight.</source>
        <translation>请填写该要素的权重。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{name}: {problem} The value was not changed.</source>
        <translation>{name}：{problem}数值未修改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rename the type-specific element to {name}</source>
        <translation>将特定类型要素改名为“{name}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the weight of {name} to {value}%</source>
        <translation>将{name}的权重设为 {value}%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set {name} to {score}</source>
        <translation>将{name}设为 {score}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The element was not added: {problem}</source>
        <translation>要素未增加：{problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add the type-specific element {name}</source>
        <translation>增加特定类型要素“{name}”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove the type-specific element {name}</source>
        <translation>删除特定类型要素“{name}”</translation>
    </message>
</context>
</TS>
