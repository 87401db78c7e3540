"""Generate decision texts of the seed's family, deterministically, for benchmarks.

Each text is a Quyết định of a provincial People's Committee issuing its yearly plan: the
portal's flattened layout (every cell followed by a line holding only "|"), a header, 3–8
"Căn cứ" paragraphs citing real central instruments and local ones, three articles,
recipients and a signature, a plan body with a "Tổ chức thực hiện" section of lettered
duties, and an appendix table of tasks with the seed's eleven columns. Rows vary the way
real ones do: merged cells left out, an empty lead cell now and then, deadlines in every
wording of the seed, budgets in dotted thousands, notes citing instruments, area rows,
group rows, and a declared total that does not always equal the sum of the rows.

    python benchmarks/generate.py --count 100 --out build/bench/corpus-100 --seed 7
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PROVINCES = [
    "Tây Ninh", "Đồng Tháp", "Đắk Lắk", "An Giang", "Bình Dương", "Cà Mau", "Cần Thơ", "Gia Lai",
    "Hà Tĩnh", "Khánh Hòa", "Lâm Đồng", "Long An", "Nghệ An", "Ninh Bình", "Phú Thọ", "Quảng Ngãi",
    "Quảng Ninh", "Sơn La", "Thái Nguyên", "Thanh Hóa", "Tuyên Quang", "Vĩnh Long", "Lào Cai",
]  # fmt: skip
CENTRAL_BASES = [
    "Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa, "
    "một cửa liên thông trong giải quyết thủ tục hành chính",
    "Nghị định số 92/2017/NĐ-CP ngày 07 tháng 8 năm 2017 của Chính phủ sửa đổi, bổ sung một số điều "
    "của các nghị định liên quan đến kiểm soát thủ tục hành chính",
    "Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ sửa đổi, bổ sung một số điều "
    "của Nghị định số 61/2018/NĐ-CP",
    "Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể "
    "cải cách hành chính nhà nước giai đoạn 2021 - 2030",
    "Thông tư số 26/2019/TT-BTC ngày 10 tháng 5 năm 2019 của Bộ Tài chính quy định quản lý và sử "
    "dụng kinh phí chi thường xuyên",
    "Quyết định số 1291/QĐ-TTg ngày 07 tháng 10 năm 2019 của Thủ tướng Chính phủ ban hành danh mục "
    "thủ tục hành chính",
    "Công văn số 725/BNV-CCHC ngày 01 tháng 3 năm 2012 của Bộ Nội vụ về việc hướng dẫn xây dựng Kế "
    "hoạch cải cách hành chính",
    "Luật Tổ chức Chính quyền địa phương ngày 19 tháng 6 năm 2015",
]
DEPARTMENTS = [
    "Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp", "Sở Khoa học và Công nghệ", "Sở Công Thương",
    "Sở Xây dựng", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Ngoại vụ", "Sở Thông tin và Truyền thông",
    "Văn phòng Ủy ban nhân dân tỉnh", "Báo {p}", "Đài Phát thanh và Truyền hình tỉnh",
]  # fmt: skip
GROUPS = ["Các sở, ban, ngành tỉnh", "UBND cấp huyện", "UBND cấp xã", "Các cơ quan liên quan"]
AREAS = [
    "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "CẢI CÁCH THỂ CHẾ", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
    "CẢI CÁCH TÀI CHÍNH CÔNG", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH PHỦ ĐIỆN TỬ, CHÍNH PHỦ SỐ",
]  # fmt: skip
VERBS = [
    "Xây dựng và ban hành", "Tổ chức triển khai", "Rà soát, đánh giá", "Kiểm tra việc thực hiện",
    "Tập huấn, hướng dẫn", "Tuyên truyền, phổ biến", "Nâng cấp, duy trì", "Khảo sát, đo lường",
]  # fmt: skip
OBJECTS = [
    "kế hoạch cải cách hành chính của cơ quan, đơn vị",
    "quy trình nội bộ giải quyết thủ tục hành chính",
    "hệ thống thông tin giải quyết thủ tục hành chính của tỉnh",
    "chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính",
    "văn bản quy phạm pháp luật thuộc lĩnh vực quản lý",
    "đội ngũ công chức làm việc tại Bộ phận Một cửa các cấp",
    "dịch vụ công trực tuyến toàn trình",
]
DEADLINES = [
    "Quý I/{y}", "Quý II/{y}", "Quý 3/{y}", "Tháng {m}/{y}", "Trong tháng {m} năm {y}",
    "Trong năm {y}", "Thường xuyên", "Trong Quý II năm {y}", "6 tháng, tháng 12 năm {y}",
    "Kế hoạch cụ thể của đơn vị",
]  # fmt: skip
NOTES = [
    "", "", "", "Thông tư số 26/2019/TT-BTC ngày 10/5/2019", "Thực hiện theo quy định",
    "Giao Sở Tài chính thẩm định",
]  # fmt: skip


def money(value: int) -> str:
    """158580000 → '158.580.000'."""
    return f"{value:,}".replace(",", ".")


def cells(*values: str) -> list[str]:
    """Flatten cells the way the portal does: each followed by a line holding only '|'."""
    out: list[str] = []
    for value in values:
        if value:
            out.extend(value.split("\n"))
        out.append("|")
    return out


def decision(index: int, rng: random.Random) -> str:
    """The text of one generated decision."""
    province = rng.choice(PROVINCES)
    year = rng.randint(2019, 2024)
    number = 1000 + index
    day, month = rng.randint(1, 28), rng.randint(9, 12)
    lines = cells(f"ỦY BAN NHÂN DÂN\nTỈNH {province.upper()}\n-------")
    lines += cells(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------"
    )
    lines += cells(f"Số: {number}/QĐ-UBND")
    lines += cells(f"{province}, ngày {day:02d} tháng {month:02d} năm {year}")
    plan = f"KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM {year + 1} TRÊN ĐỊA BÀN TỈNH {province.upper()}"
    body = ["QUYẾT ĐỊNH", f"BAN HÀNH {plan}", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"]
    for basis in rng.sample(CENTRAL_BASES, rng.randint(3, 7)):
        body.append(f"Căn cứ {basis};")
    local = rng.randint(100, 3000)
    body.append(
        f"Căn cứ Quyết định số {local}/QĐ-UBND ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{year - 1} "
        f"của UBND tỉnh về ban hành Quy chế phối hợp;"
    )
    body.append("Theo đề nghị của Giám đốc Sở Nội vụ.")
    body.append("QUYẾT ĐỊNH:")
    body.append(
        f"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm {year + 1}."
    )
    body.append(f"Điều 2. Quyết định này có hiệu lực kể từ ngày 01 tháng 01 năm {year + 1}.")
    body.append("Giao Sở Tài chính bố trí nguồn kinh phí cho các cơ quan thực hiện Kế hoạch này.")
    body.append(
        "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các sở, ban, "
        "ngành tỉnh căn cứ Quyết định thi hành./."
    )
    body += ["Nơi nhận:", "- Như Điều 3;", "- Bộ Nội vụ;", "- Lưu: VT."]
    lines += cells("\n".join(body))
    lines += cells("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn " + rng.choice("ABCDEGHKLMNPQ"))
    plan_body = [
        "KẾ HOẠCH",
        plan.removeprefix("KẾ HOẠCH "),
        f"(Ban hành kèm theo Quyết định số {number}/QĐ-UBND ngày {day:02d} tháng {month:02d} năm {year} "
        f"của Chủ tịch UBND tỉnh {province})",
        "I. MỤC TIÊU, YÊU CẦU",
        "1. Mục tiêu",
        "a) Nâng cao chất lượng cung cấp dịch vụ công và sự hài lòng của người dân.",
        "II. TỔ CHỨC THỰC HIỆN",
    ]
    for k, group in enumerate(rng.sample(GROUPS[:2] + ["Sở Tài chính", "Sở Nội vụ"], 3), 1):
        plan_body.append(f"{k}. {group}")
        for letter in "abcd"[: rng.randint(2, 4)]:
            plan_body.append(f"{letter}) {rng.choice(VERBS)} {rng.choice(OBJECTS)}.")
    plan_body.append("PHỤ LỤC")
    plan_body.append("KINH PHÍ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH")
    plan_body.append("NỘI DUNG")
    lines += cells("\n".join(plan_body))
    header = ["NHIỆM VỤ", "SẢN PHẨM", "Số lượng/ Chỉ tiêu thực hiện", "CƠ QUAN CHỦ TRÌ",
              "CƠ QUAN PHỐI HỢP", "CƠ QUAN ĐƯỢC TRIỂN KHAI", "THỜI GIAN HOÀN THÀNH",
              "KINH PHÍ DỰ KIẾN\n(ĐV: VNĐ đồng)", "GHI CHÚ", "Cấp tỉnh", "Cấp huyện", "Cấp xã"]  # fmt: skip
    lines += cells(*header)
    total = 0
    for a, area in enumerate(rng.sample(AREAS, rng.randint(4, 6)), 1):
        lines += cells(f"{_roman(a)}. {area}")
        content = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        for t in range(1, rng.randint(5, 9)):
            lead = rng.choice(DEPARTMENTS).format(p=province) if rng.random() > 0.06 else ""
            coord = rng.choice(GROUPS) if rng.random() > 0.3 else ""
            marks = [rng.choice(["x", "x", ""]) for _ in range(3)]
            deadline = rng.choice(DEADLINES).format(y=year + 1, m=rng.randint(1, 12))
            budget = rng.choice([0, 0, 5, 10, 20, 40, 50, 100, 158.58]) * 1_000_000
            total += int(budget)
            note = rng.choice(NOTES)
            row = [
                f"{t}. {rng.choice(VERBS)} {rng.choice(OBJECTS)}",
                f"0{rng.randint(1, 9)}",
                lead,
                coord,
            ]
            row += [*marks, deadline, money(int(budget)) if budget else "", note]
            if t == 1:
                row = [content, *row]
            elif rng.random() < 0.1:
                row = row[:-1]  # the note cell merged with the row above
            lines += cells(*row)
    declared = total if rng.random() < 0.7 else total + rng.choice([-1, 1]) * 10_000_000
    lines += cells("Tổng kinh phí thực hiện", money(declared), "", "(Bằng chữ kèm theo)")
    return "\n".join(lines) + "\n"


def _roman(n: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n - 1]


def generate(count: int, out: Path, seed: int = 7) -> list[Path]:
    """Write ``count`` decisions into ``out``; the same seed always gives the same files."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = out / f"qd-{1000 + index}-generated.txt"
        path.write_text(decision(index, rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--out", type=Path, default=Path("build/bench/corpus"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.count, args.out, args.seed)
    print(f"wrote {len(paths)} decisions to {args.out}")


if __name__ == "__main__":
    main()
