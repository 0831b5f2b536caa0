"""Demo policy library for the fictional 云湖区: authorities, taxonomies and 16 policies written for this project.

The set covers every validity state: in force, expiring soon, not yet in force, expired, repealed and replaced.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from cms.workflow.services import record_creation
from cms.workflow.states import Status
from policies.models import Attachment, Authority, Industry, Level, Policy, SupportType, Topic

AUTHORITIES = [
    ("国务院办公厅", "国办", Level.NATIONAL),
    ("云海市人民政府", "云海市政府", Level.MUNICIPAL),
    ("云海市商务委员会", "市商务委", Level.MUNICIPAL),
    ("云湖区人民政府", "区政府", Level.DISTRICT),
    ("云湖区投资促进中心", "区投促中心", Level.DISTRICT),
    ("云湖区科学技术委员会", "区科委", Level.DISTRICT),
    ("云湖区人力资源和社会保障局", "区人社局", Level.DISTRICT),
    ("滨江科创园管理委员会", "滨江科创园", Level.PARK),
]
INDUSTRIES = [("人工智能", "ai"), ("生物医药", "biomed"), ("集成电路", "ic"), ("金融", "finance"),
              ("文化创意", "creative"), ("数字经济", "digital"), ("先进制造", "manufacturing")]  # fmt: skip
SUPPORT_TYPES = [("资金扶持", "funding"), ("租金补贴", "rent"), ("人才支持", "talent"), ("税收优惠", "tax"),
                 ("用地保障", "land"), ("融资支持", "financing"), ("知识产权", "ip")]  # fmt: skip
TOPICS = [("商贸、海关、旅游", "trade"), ("科技、教育", "science"), ("劳动、人事、监察", "labour"),
          ("城乡建设、环境保护", "construction"), ("财政、金融、审计", "finance")]  # fmt: skip


def d(days: int):
    """A date ``days`` from today (negative: in the past)."""
    return timezone.localdate() + timedelta(days=days)


# key: (title, number, authorities, level, topic, industries, supports, issued, effective, expires, measures)
POLICIES = {
    "hq": (
        "云湖区关于支持总部经济高质量发展的若干措施",
        "云府发〔2024〕3号",
        ["云湖区人民政府"],
        Level.DISTRICT,
        "trade",
        ["finance", "digital"],
        ["funding", "rent", "talent"],
        -500,
        -480,
        600,
        [
            "新设或迁入的地区总部，按实缴注册资本给予最高1000万元开办资助",
            "租用自用办公用房的，三年内按租金的30%给予补贴",
            "总部企业高级管理人员可优先申请人才公寓",
        ],
    ),
    "ai": (
        "云湖区促进人工智能产业发展的实施办法",
        "云府办发〔2025〕7号",
        ["云湖区人民政府"],
        Level.DISTRICT,
        "science",
        ["ai", "digital"],
        ["funding", "financing"],
        -300,
        -290,
        800,
        [
            "算力使用费用按实际支出的40%给予补贴，单家企业每年最高200万元",
            "首次通过大模型备案的企业给予一次性奖励",
            "支持人工智能企业在区内开放应用场景",
        ],
    ),
    "biomed": (
        "云湖区支持生物医药产业创新发展的若干规定",
        "云府发〔2025〕12号",
        ["云湖区人民政府", "云湖区科学技术委员会"],
        Level.DISTRICT,
        "science",
        ["biomed"],
        ["funding", "land"],
        -200,
        -190,
        900,
        [
            "创新药完成临床试验各阶段的，分阶段给予研发资助",
            "医疗器械首次取得注册证的给予奖励",
            "优先保障生物医药产业化项目用地",
        ],
    ),
    "ic": (
        "云湖区集成电路设计企业流片补贴办法",
        "云科发〔2024〕21号",
        ["云湖区科学技术委员会"],
        Level.DISTRICT,
        "science",
        ["ic"],
        ["funding"],
        -420,
        -400,
        20,
        ["首次工程流片费用按30%给予补贴", "单家企业每年补贴不超过500万元"],
    ),
    "talent": (
        "云湖区重点产业人才安居办法",
        "云人社发〔2025〕5号",
        ["云湖区人力资源和社会保障局"],
        Level.DISTRICT,
        "labour",
        ["ai", "biomed", "ic"],
        ["talent"],
        -150,
        -140,
        1000,
        ["重点企业骨干人才可申请人才公寓，租金按市场价的50%收取", "符合条件的人才子女入学由区教育部门统筹安排"],
    ),
    "rent": (
        "滨江科创园入驻企业租金补贴细则",
        "滨科管〔2025〕2号",
        ["滨江科创园管理委员会"],
        Level.PARK,
        "trade",
        ["ai", "digital", "creative"],
        ["rent"],
        -100,
        -95,
        700,
        ["入驻园区的科技型企业，首年租金补贴50%，第二年补贴30%", "补贴面积原则上不超过1000平方米"],
    ),
    "ip": (
        "云湖区知识产权质押融资贴息办法",
        "云府办发〔2025〕15号",
        ["云湖区人民政府"],
        Level.DISTRICT,
        "finance",
        ["ai", "ic", "biomed"],
        ["financing", "ip"],
        -60,
        -50,
        1100,
        ["以知识产权质押获得贷款的，按实际利息的50%给予贴息", "单家企业每年贴息最高100万元"],
    ),
    "manufacturing": (
        "云湖区先进制造业技术改造专项资金管理办法",
        "云府发〔2026〕1号",
        ["云湖区人民政府"],
        Level.DISTRICT,
        "construction",
        ["manufacturing"],
        ["funding", "land"],
        -20,
        30,
        1200,
        ["技术改造项目按设备投资额的10%给予补助", "支持存量工业用地提高容积率"],
    ),
    "creative": (
        "云湖区文化创意产业扶持资金实施细则",
        "云府办发〔2023〕9号",
        ["云湖区人民政府"],
        Level.DISTRICT,
        "trade",
        ["creative"],
        ["funding", "rent"],
        -900,
        -880,
        -30,
        ["原创作品获得重要奖项的给予奖励", "文创园区运营机构按入驻率给予运营补贴"],
    ),
    "old_hq": (
        "云湖区鼓励总部企业发展的暂行办法",
        "云府发〔2021〕8号",
        ["云湖区人民政府"],
        Level.DISTRICT,
        "trade",
        ["finance"],
        ["funding"],
        -1300,
        -1280,
        200,
        ["新设总部企业给予开办资助"],
    ),
    "repealed": (
        "云湖区楼宇经济发展扶持办法",
        "云府办发〔2022〕4号",
        ["云湖区人民政府"],
        Level.DISTRICT,
        "trade",
        ["finance", "digital"],
        ["rent"],
        -1000,
        -990,
        300,
        ["商务楼宇引进企业的，按新增税收给予楼宇运营方奖励"],
    ),
    "municipal_foreign": (
        "云海市进一步促进外商投资的若干措施",
        "云海府规〔2025〕6号",
        ["云海市人民政府", "云海市商务委员会"],
        Level.MUNICIPAL,
        "trade",
        ["manufacturing", "biomed", "finance"],
        ["funding", "land"],
        -240,
        -230,
        1300,
        ["外资研发中心按研发投入给予资助", "重大外资项目用地纳入市级重大项目保障"],
    ),
    "municipal_digital": (
        "云海市数字经济发展专项资金管理办法",
        "云海商规〔2024〕11号",
        ["云海市商务委员会"],
        Level.MUNICIPAL,
        "finance",
        ["digital", "ai"],
        ["funding", "financing"],
        -380,
        -370,
        700,
        ["数字化转型示范项目给予最高300万元补助"],
    ),
    "national_tax": (
        "关于进一步优化小微企业税费支持政策的通知",
        "国办发〔2025〕18号",
        ["国务院办公厅"],
        Level.NATIONAL,
        "finance",
        ["manufacturing", "digital"],
        ["tax"],
        -330,
        -330,
        400,
        ["小型微利企业减按25%计入应纳税所得额", "符合条件的企业可享受增值税留抵退税"],
    ),
    "investment_reward": (
        "云湖区招商引资中介机构奖励办法",
        "云投促发〔2025〕2号",
        ["云湖区投资促进中心"],
        Level.DISTRICT,
        "trade",
        ["ai", "biomed", "manufacturing"],
        ["funding"],
        -120,
        -110,
        800,
        ["中介机构引进项目落地的，按项目实际到位投资额给予奖励"],
    ),
    "startup": (
        "云湖区大学生创业扶持办法",
        "云人社发〔2024〕9号",
        ["云湖区人力资源和社会保障局"],
        Level.DISTRICT,
        "labour",
        ["digital", "creative"],
        ["funding", "rent", "talent"],
        -600,
        -590,
        10,
        ["毕业五年内的大学生初次创业给予一次性创业补贴", "入驻创业孵化基地的三年内免收租金"],
    ),
}

FULL_TEXT = (
    "<h2>第一章 总则</h2><p>第一条 为优化营商环境，吸引优质企业在本区集聚发展，制定本办法。</p>"
    "<p>第二条 本办法适用于在云湖区依法登记注册、具有独立法人资格的企业。</p>"
    "<h2>第二章 支持内容</h2><p>第三条 {measures}</p>"
    "<h2>第三章 申报程序</h2><p>第四条 企业通过区政务服务平台在线申报，主管部门会同相关部门审核。</p>"
    "<p>第五条 审核通过的，在区政府网站公示五个工作日后拨付资金。</p>"
    "<h2>第四章 附则</h2><p>第六条 本办法由区投资促进中心负责解释。</p>"
)


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF with a line of ASCII text, written byte by byte."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        output += f"{offset:010d} 00000 n \n".encode()
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(output)


def load(report, *, password: str) -> None:
    authorities = {}
    for order, (name, short_name, level) in enumerate(AUTHORITIES):
        authorities[name], _created = Authority.objects.update_or_create(
            name=name, defaults={"short_name": short_name, "level": level, "order": order}
        )
    terms = {}
    for model, rows in [(Industry, INDUSTRIES), (SupportType, SUPPORT_TYPES), (Topic, TOPICS)]:
        for order, (name, slug) in enumerate(rows):
            terms[(model, slug)], _created = model.objects.update_or_create(
                slug=slug, defaults={"name": name, "order": order}
            )
    report.add(_("issuing authorities"), len(authorities))

    now = timezone.now()
    policies = {}
    for key, (title, number, authority_names, level, topic, industries, supports, issued, effective, expires,
              measures) in POLICIES.items():  # fmt: skip
        defaults = {
            "title": title,
            "document_number": number,
            "index_number": f"YH-{abs(issued):04d}-{len(policies) + 1:03d}",
            "level": level,
            "region": "云海市云湖区" if level in (Level.DISTRICT, Level.PARK) else "",
            "topic": terms[(Topic, topic)],
            "written_on": d(issued - 5),
            "issued_on": d(issued),
            "effective_on": d(effective),
            "expires_on": d(expires),
            "key_measures": "\n".join(measures),
            "beneficiaries": "在云湖区依法登记注册、符合产业导向的企业。",
            "conditions": "企业信用状况良好，近三年无重大违法违规记录。",
            "application_start": d(-40),
            "application_end": d(10 if key in ("ai", "rent") else 60),
            "handling_department": "云湖区投资促进中心企业服务科",
            "contact_phone": "021-5555 0123",
            "body": FULL_TEXT.format(measures="；".join(measures) + "。"),
            "status": Status.PUBLISHED,
            "publish_at": now - timedelta(days=max(1, -issued)),
            "featured": key in ("hq", "ai", "biomed"),
            "repealed_on": d(-100) if key == "repealed" else None,
            "replaced_by": None,
        }
        policy, created = Policy.objects.update_or_create(document_number=number, defaults=defaults)
        policy.authorities.set([authorities[name] for name in authority_names])
        policy.industries.set([terms[(Industry, slug)] for slug in industries])
        policy.support_types.set([terms[(SupportType, slug)] for slug in supports])
        if created:
            record_creation(policy, by=None)
        if not policy.attachments.exists():
            attachment = Attachment(policy=policy, title=f"{title}（全文）")
            attachment.file = ContentFile(_tiny_pdf(f"Yunhu demo attachment {key}"), name=f"{title}.pdf")
            attachment.save()
        policies[key] = policy
        report.add(_("policies"))

    # The 2021 headquarters measures were replaced by the 2024 ones.
    Policy.objects.filter(pk=policies["old_hq"].pk).update(replaced_by=policies["hq"])
    interpretations = {"hq": "一图读懂", "rent": "租金补贴怎么申请", "ip": "知识产权质押融资", "talent": "人才公寓"}
    for key, words in interpretations.items():
        articles = Article.objects.filter(title__contains=words)
        policies[key].interpretations.set(articles)
