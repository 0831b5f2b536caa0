"""Demo content for the site shell: settings, static pages and one user per editor role.

Every sentence here is our own. The district (云湖区) is fictional.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.public.models import Page, SiteSettings
from cms.search.models import PopularSearch
from cms.security.roles import EDITOR, INVESTMENT_OFFICER, REVIEWER
from cms.workflow.services import record_creation
from cms.workflow.states import Status


@dataclass
class DemoReport:
    """What a demo loader created or updated, and the logins to print."""

    counts: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, label: str, number: int = 1) -> None:
        self.counts[label] = self.counts.get(label, 0) + number


DEMO_USERS = [
    ("editor", "编辑", "小王", EDITOR),
    ("reviewer", "审核", "李主编", REVIEWER),
    ("officer", "招商专员", "陈专员", INVESTMENT_OFFICER),
]

SITE = {
    "site_name": "云湖区投资促进中心",
    "hotline": "021-5555 0100",
    "service_hours": "工作日 9:00–17:30",
    "contact_email": "invest@yunhu.example.cn",
    "address": "云湖区滨江大道 88 号 投资服务大厅 3 楼",
    "icp_number": "沪ICP备00000000号-1",
    "police_number": "沪公网安备 31000000000000号",
    "default_meta_description": "云湖区投资促进中心官方网站：发布招商资讯与招商引资政策，受理企业入驻与招商咨询。",
    "wechat_account": "云湖投促",
}

PAGES = [
    {
        "slug": "about",
        "title": "关于我们",
        "order": 1,
        "show_in_footer": True,
        "seo_description": "云湖区投资促进中心的职能、服务内容与联系方式。",
        "body": (
            "<p>云湖区投资促进中心是区政府设立的招商引资服务机构，负责产业招商、项目落地协调和企业服务。</p>"
            "<h2>我们提供的服务</h2>"
            "<ul><li>解读国家、市、区三级招商引资政策，帮助企业找到适用的扶持措施；</li>"
            "<li>对接工业用地、标准厂房、研发楼宇和仓储空间；</li>"
            "<li>为新设企业提供注册、许可和人才服务的一站式协调；</li>"
            "<li>跟踪重点项目从签约到投产的全过程。</li></ul>"
            "<p>所有咨询服务均免费。</p>"
        ),
    },
    {
        "slug": "contact",
        "title": "联系我们",
        "order": 2,
        "show_in_footer": False,
        "seo_description": "招商热线、服务时间、电子邮箱和办公地址。",
        "body": (
            "<p>欢迎企业来电、来信或到访咨询。我们会在一个工作日内答复留言。</p>"
            "<p>到访前请先电话预约，以便安排熟悉相关产业的招商专员接待。</p>"
        ),
    },
    {
        "slug": "privacy",
        "title": "个人信息保护声明",
        "order": 3,
        "show_in_footer": True,
        "seo_description": "本网站如何收集、使用、保存和删除您提交的个人信息。",
        "body": (
            "<p>本声明说明云湖区投资促进中心网站如何处理您在投稿、招商咨询和企业入驻表单中提交的个人信息。</p>"
            "<h2>一、收集的信息和用途</h2>"
            "<p>我们只收集办理您的请求所必需的信息：姓名、联系电话、电子邮箱、单位名称及您填写的留言。"
            "这些信息仅用于答复您的咨询、通知投稿处理结果和提供招商服务，不用于其他目的。</p>"
            "<h2>二、保存期限</h2>"
            "<p>咨询记录在办结后保存两年，未采用的投稿中的个人信息在一百八十天后删除或匿名化处理。</p>"
            "<h2>三、您的权利</h2>"
            "<p>您可以随时要求查阅、更正或删除您的个人信息，请发送电子邮件至 invest@yunhu.example.cn"
            " 或拨打招商热线，我们将在十五个工作日内处理。</p>"
            "<h2>四、信息安全</h2>"
            "<p>只有经授权的工作人员可以查看您的个人信息，所有查看记录均被留存。</p>"
        ),
    },
]


POPULAR_SEARCHES = ["人工智能", "租金补贴", "人才公寓", "总部经济", "生物医药", "知识产权", "用地保障", "开办资助"]


def load(report: DemoReport, *, password: str) -> None:
    site, _created = SiteSettings.objects.get_or_create(pk=SiteSettings.SINGLETON_PK)
    for name, value in SITE.items():
        setattr(site, name, value)
    site.save()
    report.add(_("site settings"))

    for values in PAGES:
        values = dict(values)
        slug = values.pop("slug")
        published_at = Page.objects.filter(slug=slug).values_list("publish_at", flat=True).first()
        values.update(status=Status.PUBLISHED, publish_at=published_at or timezone.now())
        page, created = Page.objects.update_or_create(slug=slug, defaults=values)
        if created:
            record_creation(page, by=None)
        report.add(_("pages"))

    for order, term in enumerate(POPULAR_SEARCHES):
        PopularSearch.objects.update_or_create(term=term, defaults={"order": order})

    User = get_user_model()
    for username, role_label, first_name, group_name in DEMO_USERS:
        user, _created = User.objects.get_or_create(username=username)
        user.first_name = first_name
        user.email = f"{username}@yunhu.example.cn"
        user.is_staff = True
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=group_name)])
        report.add(_("demo users"))
        report.logins.append((role_label, username, password))
