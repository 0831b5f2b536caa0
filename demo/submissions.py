"""Demo contribution terms (投稿须知, our own wording) and a small review queue in every state."""

import uuid
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.workflow.services import record_creation
from submissions.models import Contribution, ContributionKind, ContributionStatus, ContributionTerms, RejectionReason

TERMS_BODY = """
<h2>一、征稿范围</h2>
<p>本网站欢迎与云湖区及周边地区投资促进相关的稿件：招商资讯、成功的招商方案、政策解读、产业与经济分析。</p>
<p>企业软文敬请绕行：以推销产品或服务为主要目的的稿件不予采用。</p>
<h2>二、篇幅与格式</h2>
<p>正文为纯文本，字数在 1000 至 2000 字之间（按去除空格和换行后的字符数计算）。</p>
<p>段落之间空一行即可，无需排版，请勿粘贴网页代码。</p>
<h2>三、审阅承诺</h2>
<p>我们按收稿先后顺序审阅，在收到稿件后 24 小时内给出“采用”或“不采用”的结论，并通过电子邮件通知您。</p>
<h2>四、编辑权利</h2>
<p>为适应网站发布需要，编辑可以对稿件进行删节、修改标题和核实事实；涉及观点的实质性修改会事先与您沟通。</p>
<h2>五、署名与通知</h2>
<p>稿件发布时署明来稿单位和作者。发布后我们会把文章标题和链接发送到您留下的电子邮箱。</p>
<h2>六、不予发布的内容</h2>
<ul>
<li>违反法律法规或危害国家安全、公共利益的内容；</li>
<li>侵犯他人著作权、商标权、名誉权或隐私的内容；</li>
<li>未经本人同意公开他人个人信息的内容；</li>
<li>广告、商业推广和软文；</li>
<li>虚假信息或无法核实来源的数据。</li>
</ul>
<h2>七、违规处理</h2>
<p>发现稿件存在上述问题的，我们将不予采用；已发布的，立即下线，并保留拒绝该来稿单位后续投稿的权利。</p>
<h2>八、权利保证与责任</h2>
<p>投稿人保证对稿件享有完整的著作权或已取得权利人授权，并对稿件内容的真实性负责。因稿件侵犯第三方权利产生的责任由投稿人承担。</p>
<h2>九、个人信息</h2>
<p>我们仅将您的联系方式用于处理本次投稿，具体见《个人信息保护声明》。</p>
"""

PARAGRAPH = (
    "云湖区近年来围绕主导产业持续开展精准招商，形成了“产业链图谱、重点企业清单、招商专员”三位一体的工作方法。"
    "本文结合我们参与的项目对接经验，介绍这一方法在实际工作中的做法和效果，供各园区参考。"
)


def _demo_body() -> str:
    paragraphs = [f"{PARAGRAPH}（第{n}段）" for n in range(1, 14)]
    return "\n\n".join(paragraphs)


DEMO_CONTRIBUTIONS = [
    ("云湖区产业链招商的三点做法", ContributionKind.PLAN, "滨江科创园运营公司", "赵明", ContributionStatus.RECEIVED, 2),
    ("人工智能企业选址关注什么", ContributionKind.ANALYSIS, "云海产业研究院", "钱芳", ContributionStatus.REVIEWING, 20),
    (
        "总部经济政策申报中的常见问题",
        ContributionKind.INTERPRETATION,
        "某咨询公司",
        "孙磊",
        ContributionStatus.RECEIVED,
        30,
    ),
    ("某品牌新品发布会圆满成功", ContributionKind.NEWS, "某品牌公司", "李娜", ContributionStatus.REJECTED, 60),
]


DEMO_LEADS = [
    {"kind": "consult", "topic": "policy", "name": "周先生", "phone": "13800000001", "company": "云海算法科技有限公司",
     "message": "想了解算力补贴的申报条件。", "days_ago": 0},
    {"kind": "consult", "topic": "premises", "name": "吴女士", "phone": "13800000002", "company": "某医疗器械公司",
     "message": "需要 2000 平方米洁净厂房。", "days_ago": 3},
    {"kind": "settle", "name": "郑先生", "phone": "13800000003", "company": "云湖储能科技有限公司",
     "plans": ["headquarters", "manufacturing"], "investment": "100m_1b", "headcount": "100_499", "days_ago": 1},
]  # fmt: skip


def _load_leads(report) -> None:
    from datetime import timedelta

    from submissions.models import Inquiry
    from submissions.services.inquiries import submit_inquiry

    for lead in DEMO_LEADS:
        lead = dict(lead)
        days_ago = lead.pop("days_ago")
        if Inquiry.objects.filter(phone=lead["phone"]).exists():
            continue
        inquiry, _created = submit_inquiry(
            kind=lead.pop("kind"), data={**lead, "token": uuid.uuid4()}, utm={}, ip_address=None
        )
        moment = timezone.now() - timedelta(days=days_ago)
        Inquiry.objects.filter(pk=inquiry.pk).update(created_at=moment, first_response_due=moment + timedelta(days=1))
    report.add(_("inquiries"), len(DEMO_LEADS))


def load(report, *, password: str) -> None:
    terms = ContributionTerms.current()
    if terms is None or terms.body.strip() != TERMS_BODY.strip():
        terms = ContributionTerms.objects.create(title="投稿须知", body=TERMS_BODY.strip())
    now = timezone.now()
    for index, (title, kind, unit, author, status, hours_ago) in enumerate(DEMO_CONTRIBUTIONS, start=1):
        code = f"TG{timezone.localdate(now - timedelta(hours=hours_ago)):%Y%m%d}-9{index:03d}"
        contribution, created = Contribution.objects.get_or_create(
            title=title,
            defaults={
                "receipt_code": code, "kind": kind, "body": _demo_body(), "unit": unit, "author": author,
                "email": f"contributor{index}@example.cn", "status": status, "terms": terms, "agreed_at": now,
                "idempotency_token": uuid.uuid4(),
                "rejection_reason": RejectionReason.ADVERTISING if status == ContributionStatus.REJECTED else "",
                "decided_at": now if status == ContributionStatus.REJECTED else None,
            },
        )  # fmt: skip
        if created:
            Contribution.objects.filter(pk=contribution.pk).update(created_at=now - timedelta(hours=hours_ago))
            record_creation(contribution, by=None)
        report.add(_("contributions"))
    _load_leads(report)
