"""Demo news: five columns and 32 articles written for this project about the fictional 云湖区.

Loaded by ``manage.py load_demo``; keyed by ``import_key`` so a second run updates instead of duplicating.
"""

import io
import random
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw

from articles.models import Article, Column
from cms.workflow.services import record_creation
from cms.workflow.states import Status

COLUMNS = [
    ("区域招商", "regional", "各街镇、园区的招商活动与签约动态。"),
    ("重大项目", "projects", "重点项目的签约、开工、投产进展。"),
    ("营商环境", "business-environment", "政务服务改革与企业服务举措。"),
    ("产业动态", "industry", "人工智能、生物医药、集成电路等产业发展情况。"),
    ("政策解读", "policy-notes", "对区内招商引资政策的说明与问答。"),
]

# (column slug, title, tags, reporter, source, lead paragraph, further paragraphs)
ARTICLES = [
    (
        "regional",
        "云湖区在滨江科创园举办人工智能产业招商推介会",
        "人工智能，招商推介",
        "周晓",
        "区投资促进中心",
        "本周三，云湖区在滨江科创园举办人工智能产业专场推介会，四十余家算法、算力和应用企业参加。",
        [
            "推介会上，园区介绍了算力服务平台、模型测试场景和人才公寓配套。",
            "三家企业现场签署入驻意向书，计划在年内完成注册。",
        ],
    ),
    (
        "projects",
        "智能网联汽车零部件项目在云湖开工",
        "先进制造、重大项目",
        "林涛",
        "区发展改革委",
        "一项总投资约十二亿元的智能网联汽车零部件项目在云湖区东部产业片区开工建设。",
        [
            "项目分两期建设，一期建成后将形成年产五十万套电子控制单元的能力。",
            "区里为项目组建了专班，协调用地、用电和施工许可。",
        ],
    ),
    (
        "business-environment",
        "企业开办全程网上办，平均半个工作日办结",
        "营商环境，政务服务",
        "孙悦",
        "区市场监管局",
        "云湖区企业开办实现全程网上办理，营业执照、公章刻制和税务登记一次提交。",
        [
            "今年以来，全区新设企业平均开办时间缩短到半个工作日。",
            "政务服务中心设立帮办窗口，为不熟悉网上流程的申请人提供一对一指导。",
        ],
    ),
    (
        "industry",
        "生物医药创新园新增六家研发型企业",
        "生物医药",
        "许宁",
        "",
        "云湖生物医药创新园本季度新增六家研发型企业，涵盖细胞治疗、医疗器械和创新药研发。",
        ["园区公共实验平台向入驻企业开放，按使用时长计费。", "园区负责人表示，将继续完善中试车间和冷链物流配套。"],
    ),
    (
        "policy-notes",
        "一图读懂：云湖区支持总部经济发展的若干措施",
        "总部经济，政策解读",
        "",
        "区投资促进中心",
        "为帮助企业了解支持总部经济发展的政策，我们把主要条款整理成问答。",
        [
            "一、适用对象：在云湖区新设或迁入的跨国公司地区总部和民营企业总部。",
            "二、开办资助：按实缴注册资本分档给予一次性资助。",
            "三、租房补贴：租用自用办公用房的，按实际租金的一定比例给予补贴。",
            "四、人才支持：总部企业高级管理人员可申请人才公寓和子女入学服务。",
        ],
    ),
    (
        "regional",
        "云湖区赴深圳开展集成电路产业招商",
        "集成电路，招商推介",
        "周晓",
        "区投资促进中心",
        "云湖区招商小分队赴深圳走访集成电路设计企业，介绍区内流片补贴和人才政策。",
        ["小分队先后走访七家企业，其中两家表示将来云湖实地考察。"],
    ),
    (
        "projects",
        "数据中心二期项目完成主体结构封顶",
        "数字经济，重大项目",
        "林涛",
        "",
        "位于云湖区西部的数据中心二期项目近日完成主体结构封顶，预计明年投入使用。",
        ["二期建成后将新增八千个标准机柜，采用液冷技术降低能耗。"],
    ),
    (
        "business-environment",
        "“一企一专员”服务覆盖全区重点企业",
        "营商环境，企业服务",
        "孙悦",
        "区投资促进中心",
        "云湖区为三百家重点企业配备服务专员，企业诉求由专员统一受理、跟踪办结。",
        ["专员每季度至少走访一次企业，问题办理情况在线上平台公开。"],
    ),
    (
        "industry",
        "云湖区文化创意产业园入驻率达到九成",
        "文化创意",
        "许宁",
        "",
        "由旧厂房改造的云湖文化创意产业园目前入驻率达到九成，聚集设计、动漫和数字出版企业。",
        ["园区保留了原有厂房的钢结构，改造为开放式办公和展览空间。"],
    ),
    (
        "policy-notes",
        "租金补贴怎么申请？常见问题解答",
        "租金补贴，政策解读",
        "",
        "区投资促进中心",
        "不少企业来电询问办公用房租金补贴的申请条件和流程，我们整理了常见问题。",
        [
            "问：哪些企业可以申请？答：在本区注册并纳税、租用自用办公用房的企业。",
            "问：需要准备哪些材料？答：租赁合同、付款凭证和企业承诺书。",
            "问：多久可以拨付？答：材料齐全的，审核通过后三十个工作日内拨付。",
        ],
    ),
    (
        "regional",
        "滨江街道举办楼宇招商对接会",
        "楼宇经济",
        "周晓",
        "滨江街道",
        "滨江街道组织辖区十二栋商务楼宇与二十余家意向企业开展对接。",
        ["对接会采用“一楼一册”方式介绍楼宇空置面积、租金区间和物业服务。"],
    ),
    (
        "projects",
        "新能源储能电池项目签约落户云湖",
        "新能源，重大项目",
        "林涛",
        "区投资促进中心",
        "一家储能电池企业与云湖区签约，将建设研发中心和智能化生产线。",
        ["项目计划分三年达产，达产后预计年产值超过二十亿元。"],
    ),
    (
        "business-environment",
        "工程建设项目审批推行“拿地即开工”",
        "营商环境",
        "孙悦",
        "区住房和建设局",
        "云湖区在产业项目中推行“拿地即开工”，企业取得土地后即可领取施工许可。",
        ["改革通过提前介入设计审查和分阶段发放许可实现。"],
    ),
    (
        "industry",
        "集成电路设计企业联合实验室揭牌",
        "集成电路",
        "许宁",
        "",
        "由区内三家集成电路设计企业和高校共同建设的联合实验室正式揭牌。",
        ["实验室聚焦车规级芯片测试，面向中小企业开放测试服务。"],
    ),
    (
        "policy-notes",
        "人才公寓申请指南（企业版）",
        "人才支持，政策解读",
        "",
        "区人才服务中心",
        "本文说明企业为员工申请人才公寓的条件、流程和注意事项。",
        [
            "一、申请条件：企业在本区注册，员工在本区缴纳社会保险。",
            "二、申请流程：企业统一在线提交名单，经审核后分批配租。",
            "三、租金标准：按市场租金的一定比例确定，租期最长三年。",
        ],
    ),
    (
        "regional",
        "云湖区与长三角三座城市签署产业协作协议",
        "区域合作",
        "周晓",
        "",
        "云湖区与长三角三座城市的开发区签署产业协作协议，在项目互荐和飞地园区方面开展合作。",
        ["各方将建立季度会商机制，共享招商信息。"],
    ),
    (
        "projects",
        "医疗器械产业化基地一期竣工",
        "生物医药，重大项目",
        "林涛",
        "",
        "云湖医疗器械产业化基地一期竣工，提供标准厂房和洁净车间。",
        ["首批五家企业已完成装修设计，预计明年上半年投产。"],
    ),
    (
        "business-environment",
        "政务服务中心开设外资企业服务专窗",
        "外资服务，营商环境",
        "孙悦",
        "区商务委",
        "区政务服务中心开设外资企业服务专窗，提供中英文咨询和材料预审服务。",
        ["专窗可一次办理外商投资信息报告、银行开户预约和社保登记。"],
    ),
    (
        "industry",
        "数字经济企业营收同比增长两成",
        "数字经济",
        "许宁",
        "区统计局",
        "前三季度，云湖区规模以上数字经济企业营业收入同比增长约两成。",
        ["软件和信息技术服务业增长最快，云计算和工业软件企业贡献明显。"],
    ),
    (
        "policy-notes",
        "开办资助申报常见错误提醒",
        "政策解读，资金扶持",
        "",
        "区投资促进中心",
        "在开办资助申报中，部分企业因材料不完整被退回，这里提醒几处常见错误。",
        [
            "第一，实缴资本证明须由银行出具，不接受企业自行制作的表格。",
            "第二，申报主体须与纳税主体一致。",
            "第三，申报截止日后提交的材料不予受理。",
        ],
    ),
    (
        "regional",
        "临湖镇推介万亩良田农业科技项目",
        "农业科技",
        "周晓",
        "临湖镇",
        "临湖镇面向农业科技企业推介万亩良田项目，重点引进智慧农业和种业企业。",
        ["镇里提供试验田、仓储冷链和农产品检测服务。"],
    ),
    (
        "projects",
        "人工智能算力中心项目开工",
        "人工智能，重大项目",
        "林涛",
        "区投资促进中心",
        "云湖人工智能算力中心项目开工，建成后将为区内企业提供普惠算力服务。",
        ["项目采用政府引导、企业运营模式，中小企业可按需租用算力。"],
    ),
    (
        "business-environment",
        "涉企检查实行“综合查一次”",
        "营商环境",
        "孙悦",
        "区司法局",
        "云湖区对同一企业的多项行政检查实行合并，原则上一年内“综合查一次”。",
        ["改革后企业接受检查的次数明显减少。"],
    ),
    (
        "industry",
        "云湖区举办先进制造业供需对接会",
        "先进制造",
        "许宁",
        "",
        "六十余家制造企业参加先进制造业供需对接会，达成零部件配套合作意向三十余项。",
        ["对接会设置了工业机器人、精密加工和检测认证三个专区。"],
    ),
    (
        "policy-notes",
        "知识产权质押融资贴息政策问答",
        "知识产权，融资支持，政策解读",
        "",
        "区市场监管局",
        "知识产权质押融资可以帮助轻资产科技企业获得贷款，区里对符合条件的贷款给予贴息。",
        [
            "问：贴息比例是多少？答：按实际支付利息的一定比例给予补贴。",
            "问：需要评估吗？答：需要由合作评估机构出具评估报告。",
        ],
    ),
    (
        "regional",
        "云湖区在香港举办投资环境说明会",
        "外资服务，招商推介",
        "周晓",
        "区投资促进中心",
        "云湖区在香港举办投资环境说明会，向金融、专业服务和贸易企业介绍区内产业空间。",
        ["说明会后，多家企业预约了实地考察。"],
    ),
    (
        "projects",
        "高端装备产业园项目通过竣工验收",
        "先进制造，重大项目",
        "林涛",
        "",
        "云湖高端装备产业园项目通过竣工验收，可提供二十万平方米标准厂房。",
        ["园区配备重载货梯和高承重楼面，适合精密装备企业生产。"],
    ),
    (
        "business-environment",
        "企业诉求“接诉即办”平台上线",
        "企业服务，营商环境",
        "孙悦",
        "",
        "云湖区企业诉求“接诉即办”平台上线，企业可在线提交诉求并查看办理进度。",
        ["平台按诉求类别自动派单，一般诉求五个工作日内答复。"],
    ),
    (
        "industry",
        "云湖区金融科技企业达到一百二十家",
        "金融，数字经济",
        "许宁",
        "区金融办",
        "云湖区金融科技企业数量达到一百二十家，业务覆盖支付清算、智能风控和供应链金融。",
        ["区里将设立金融科技应用场景清单，支持企业开展试点。"],
    ),
    (
        "policy-notes",
        "用地保障政策要点",
        "用地保障，政策解读",
        "",
        "区规划资源局",
        "本文介绍云湖区对重点产业项目的用地保障措施。",
        [
            "一、优先保障重点产业项目用地指标。",
            "二、支持弹性年期供地，降低企业初期用地成本。",
            "三、鼓励存量工业用地提容增效。",
        ],
    ),
    (
        "regional",
        "云湖区年度招商工作报告摘要（2019年）",
        "工作报告",
        "",
        "区投资促进中心",
        "这份摘要回顾了云湖区2019年的招商引资工作，原报告发布于2019年，现转载存档。",
        ["全年新引进企业约两千家，其中外资企业一百余家。"],
    ),
    (
        "projects",
        "氢能示范应用项目签约",
        "新能源，重大项目",
        "林涛",
        "",
        "云湖区与一家氢能企业签约，在物流车辆和园区供能方面开展示范应用。",
        ["项目将建设加氢站一座，并投放一批氢燃料物流车。"],
    ),
]

PALETTE = [(11, 79, 156), (179, 38, 30), (30, 123, 69), (107, 78, 0), (61, 64, 145)]


def _cover_image(seed: int) -> ContentFile:
    """A simple abstract picture (gradient and shapes), different for every article."""
    rng = random.Random(seed)  # noqa: S311 - decoration only
    width, height = 1600, 900
    base = PALETTE[seed % len(PALETTE)]
    image = Image.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = int(60 * y / height)
        draw.line([(0, y), (width, y)], fill=tuple(max(0, channel - shade) for channel in base))
    for _shape in range(6):
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(80, 320)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255), width=rng.randint(3, 10))
    for i in range(8):
        x = 120 + i * 170
        bar = rng.randint(150, 520)
        draw.rectangle([x, height - 80 - bar, x + 90, height - 80], fill=(255, 255, 255, 0), outline=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"demo-cover-{seed}.jpg")


def _body(lead: str, paragraphs: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in [lead, *paragraphs])


def load(report, *, password: str) -> None:
    columns = {}
    for order, (name, slug, description) in enumerate(COLUMNS, start=1):
        column, _created = Column.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order, "is_active": True}
        )
        columns[slug] = column
    report.add(_("columns"), len(columns))

    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    for index, (slug, title, tags, author, source, lead, paragraphs) in enumerate(ARTICLES):
        key = f"demo-{index:03d}"
        published_day = today - timedelta(days=index * 2 + 1)
        defaults = {
            "title": title,
            "column": columns[slug],
            "body": _body(lead, paragraphs),
            "author": author,
            "source_name": source,
            "status": Status.PUBLISHED,
            "publish_at": datetime.combine(published_day, time(9, 30), tzinfo=tz),
            "pinned": index in (0, 1),
            "cover_alt": "抽象几何图案配图",
        }
        if "2019年" in title:
            defaults["original_published_on"] = date(2019, 12, 30)
        if index == len(ARTICLES) - 2:  # a scheduled article: appears by itself tomorrow morning
            defaults["publish_at"] = datetime.combine(today + timedelta(days=1), time(9, 0), tzinfo=tz)
            defaults["pinned"] = False
        if index == len(ARTICLES) - 1:  # a draft still being written
            defaults.update(status=Status.DRAFT, publish_at=None, pinned=False)
        article, created = Article.objects.update_or_create(import_key=key, defaults=defaults)
        article.tags.set([tag for tag in tags.replace("、", "，").split("，") if tag])
        if created:
            record_creation(article, by=None)
        if index % 3 != 2 and not article.cover:
            article.cover.save(f"demo-cover-{index}.jpg", _cover_image(index), save=True)
        report.add(_("articles"))
