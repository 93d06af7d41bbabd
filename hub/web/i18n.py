"""The hub pages' two languages: Vietnamese first (the text in the templates), English second.

Templates write Vietnamese and call ``t("…")``; this table gives the English. A string not in
the table shows in Vietnamese in both languages, and ``tests/hub_web/test_i18n.py`` fails on
any template string that is missing here, so the switch never leaves half a page untranslated.
The choice is kept in a cookie (``hk_lang``), never in the URL.
"""

from __future__ import annotations

LANGS = ("vi", "en")

EN: dict[str, str] = {
    # frame
    "Điểm hỗ trợ số · Hub": "Digital help points · Hub",
    "Bỏ qua, đến nội dung chính": "Skip to main content",
    "Tổng quan": "Overview",
    "Tình trạng": "Health",
    "Ghép nối": "Pairing",
    "Gói nội dung": "Content packs",
    "Nhật ký": "Audit log",
    "Đăng xuất": "Sign out",
    "Menu chính": "Main menu",
    "Tài khoản": "Account",
    "Ngôn ngữ": "Language",
    # sign-in
    "Đăng nhập": "Sign in",
    "Tên đăng nhập": "User name",
    "Mật khẩu": "Password",
    "Dành cho cán bộ xã/phường và thành phố. Người dân không cần đăng nhập ở đây.":
        "For commune and city officers. Citizens do not sign in here.",
    "Phiên làm việc đã hết hạn. Hãy đăng nhập lại.": "Your session has ended. Please sign in "
                                                      "again.",
    # dashboard
    "Toàn thành phố": "Whole city",
    "Xã/phường": "Commune",
    "Điểm hỗ trợ": "Help point",
    "Các xã/phường": "Communes",
    "Các điểm hỗ trợ": "Help points",
    "Kỳ báo cáo": "Period",
    "Hôm nay": "Today",
    "Tuần này": "This week",
    "Tháng này": "This month",
    "Tháng trước": "Last month",
    "Năm nay": "This year",
    "Tự chọn": "Custom",
    "Từ ngày": "From",
    "Đến ngày": "To",
    "Xem": "Show",
    "Ngày viết theo ngày/tháng/năm, ví dụ 01/03/2026.":
        "Dates are day/month/year, e.g. 01/03/2026 for 1 March 2026.",
    "Người được hỗ trợ": "People helped",
    "Lần đầu đến": "First visits",
    "Số thứ tự đã phát": "Queue numbers issued",
    "Đã phục vụ": "Served",
    "Vắng mặt khi gọi": "No-shows",
    "Chờ trung bình (trung vị)": "Median wait",
    "phút": "min",
    "Hài lòng (trung bình /5)": "Satisfaction (average of 5)",
    "Tờ hướng dẫn đã in": "Sheets printed",
    "Hoàn thành bài hướng dẫn": "Tutorials finished",
    "Người được hỗ trợ mỗi ngày": "People helped per day",
    "Theo dịch vụ": "By service",
    "Một người có thể được hỗ trợ nhiều dịch vụ, nên cộng các dòng có thể lớn hơn số người "
    "được hỗ trợ.": "One person can be helped with several services, so the rows can add up "
                    "to more than the people helped.",
    "Theo hình thức": "By channel",
    "Theo độ tuổi và giới tính": "By age band and gender",
    "Độ tuổi": "Age band",
    "Tổng": "Total",
    "Mức hài lòng": "Satisfaction",
    "Bài hướng dẫn": "Tutorials",
    "Bài": "Tutorial",
    "Mở": "Opened",
    "Xong": "Finished",
    "Tỉ lệ xong": "Finished (%)",
    "Hay dừng ở": "Most stop at",
    "Bảng số liệu": "Data table",
    "Ngày": "Day",
    "Số người": "People",
    "Không có dữ liệu trong kỳ này.": "No data in this period.",
    "Có dữ liệu mẫu (demo) trong kỳ này.": "This period includes demo data.",
    "Có bản ghi chưa xác thực (nhập từ gói USB cũ không có chữ ký).":
        "Includes unverified records (imported from old unsigned USB bundles).",
    # queue, tutorials, scam checks (issue #21 item 2)
    "Chờ (trung vị), phút": "Median wait, minutes",
    "9/10 người chờ không quá": "9 in 10 waited at most",
    "Hàng đợi": "Queue",
    "Số thứ tự": "Queue numbers",
    "Đã phát": "Issued",
    "Đã hủy": "Cancelled",
    "Chưa xong cuối ngày": "Not finished at day's end",
    "Số ưu tiên đã phát": "Priority numbers issued",
    "Số ưu tiên đã phục vụ": "Priority numbers served",
    "Thời gian chờ đến lúc được gọi (phút)": "Wait until called (minutes)",
    "Trung vị": "Median",
    "Hub nhận số người theo từng khoảng phút, không nhận từng số thứ tự, nên chỉ biết khoảng.":
        "The hub receives how many people waited within each range of minutes, not each "
        "ticket, so it knows ranges only.",
    "Chưa xong": "Not finished",
    "“Hay dừng ở”: bước mà nhiều lượt học chưa xong dừng lại nhất; đếm theo ngày ở "
    "từng điểm.": "“Most stop at”: the step where most unfinished runs stopped; counted "
                  "per day at each help point.",
    "Kiểm tra tin nhắn lạ theo loại": "Scam checks by kind",
    "Số lượt": "Checks",
    "Chỉ đếm số lượt; không lưu tin nhắn hay số điện thoại.":
        "Counts only; no message or phone number is kept.",
    # practices (issue #22)
    "Tập thử trên điện thoại tập": "Practice on the pretend phone",
    "Bài tập": "Practice",
    "Bắt đầu": "Started",
    "Tập xong": "Finished",
    "Tỉ lệ": "Rate",
    "Màn hay bấm sai nhất": "Screen most often wrong",
    "Màn hình {n}: {name} ({times} lần)": "Screen {n}: {name} ({times} times)",
    "Màn hình {n} ({times} lần)": "Screen {n} ({times} times)",
    "bước {n}: {name}": "step {n}: {name}",
    "bước {n}": "step {n}",
    "Lượt tập trên điện thoại giả của kiosk; không tính là lượt học bài hướng dẫn. Kiosk cũ "
    "chưa gửi số này.": "Runs on the kiosk's pretend phone; not counted as tutorial runs. "
                        "Older kiosks do not send these yet.",
    # exports
    "Xuất tệp": "Export",
    "Định dạng": "Format",
    "Nội dung": "Contents",
    "Tất cả (3 trang tính)": "Everything (3 sheets)",
    "Bản ghi": "Records",
    "Tổng hợp": "Summary",
    "Kinh phí hỗ trợ theo tổ": "Allowance per team",
    "Tải tệp về": "Download",
    "Mặc định: XLSX tất cả, CSV bản ghi, PDF tổng hợp":
        "Default: XLSX everything, CSV records, PDF summary",
    "Đang chuẩn bị tệp… Tệp lớn có thể mất một lúc.": "Preparing the file… A large file can "
                                                       "take a while.",
    "Tệp không có thông tin liên hệ của người dân.": "Files hold no citizens' contact details.",
    # health
    "Tình trạng các điểm hỗ trợ": "Help point health",
    "Liên lạc lần cuối": "Last contact",
    "Phiên bản": "App version",
    "Nội dung bài": "Content version",
    "Bản cài kèm phần mềm": "As installed with the app",
    "Máy in": "Printer",
    "Giọng đọc": "Voice",
    "Chờ gửi": "Waiting to send",
    "Chưa đồng bộ lần nào": "Never synced",
    "Im lặng quá 3 ngày": "Silent for over 3 days",
    "Tốt": "OK",
    "Lỗi": "Fault",
    "Không rõ": "Unknown",
    "Đã thu hồi": "Revoked",
    "ngày trước": "days ago",
    "giờ trước": "hours ago",
    "vừa xong": "just now",
    "Chưa có điểm hỗ trợ nào ghép nối.": "No help point is paired yet.",
    # pairing
    "Ghép nối kiosk": "Pair a kiosk",
    "Tạo mã ghép nối": "Create a pairing code",
    "Mã xã/phường": "Commune code",
    "Mã ghép nối mới": "New pairing code",
    "Nhập mã này trên kiosk: Quản lý → Đồng bộ. Mã dùng một lần, hết hạn lúc":
        "Enter this code on the kiosk: Manage → Sync. One use only; it expires at",
    "Hub không lưu mã này: nếu mất, hãy tạo mã mới.":
        "The hub does not keep this code: if it is lost, create a new one.",
    "Thiết bị đã ghép nối": "Paired devices",
    "Thu hồi": "Revoke",
    "Thu hồi thiết bị này? Hub sẽ từ chối mọi dữ liệu từ thiết bị này.":
        "Revoke this device? The hub will refuse all data from it.",
    "Đã thu hồi thiết bị.": "Device revoked.",
    "Ghép nối lúc": "Paired at",
    "Máy mới thuộc tổ": "The new computer's team",
    "Tổ riêng (một điểm hỗ trợ mới)": "A team of its own (a new help point)",
    "Cùng tổ với": "Same team as",
    "Máy dùng mã này vào cùng tổ với": "The computer that uses this code joins the team of",
    ": cả tổ tính một mức hỗ trợ.": ": the whole team counts as one for the allowance.",
    "Máy thứ hai của cùng một tổ (ví dụ máy xách tay của tổ lưu động): chọn “Cùng tổ với …” "
    "để cả tổ chỉ tính một mức hỗ trợ.":
        "A team's second computer (e.g. the mobile team's laptop): choose “Same team as …” so "
        "the team counts as one for the allowance.",
    # packs
    "Phát hành gói nội dung": "Publish a content pack",
    "Tệp zip chứa các bài (mỗi bài một thư mục có tutorial.toml)":
        "Zip of tutorials (one folder with tutorial.toml each)",
    "Gửi đến": "Send to",
    "Mọi xã/phường": "Every commune",
    "Chỉ các mã xã/phường (cách nhau bằng dấu phẩy)": "Only these commune codes "
                                                      "(comma-separated)",
    "Kiểm tra, ký và phát hành": "Check, sign and publish",
    "Đã phát hành": "Published",
    "Các gói đã phát hành": "Published packs",
    "Phiên bản gói": "Pack version",
    "Số bài": "Tutorials",
    "Lúc": "At",
    "Người phát hành": "By",
    "Gói bị từ chối": "Pack refused",
    "Chưa có gói nào.": "No packs yet.",
    "Gói được kiểm tra bằng cùng bộ kiểm tra với “help-kiosk content check”, ký bằng khoá "
    "của hub; kiosk kiểm tra chữ ký và kiểm tra lại trước khi dùng.":
        "Packs are checked with the same validator as “help-kiosk content check” and signed "
        "with the hub's key; kiosks verify the signature and check again before use.",
    # errors
    "Không được phép": "Not allowed",
    "Không hợp lệ": "Not valid",
    "Không tìm thấy": "Not found",
    "Về trang tổng quan": "Back to the overview",
    "Biểu mẫu đã cũ hoặc không hợp lệ. Hãy tải lại trang rồi thử lại.":
        "This form is out of date or invalid. Reload the page and try again.",
    "Trang này không có.": "This page does not exist.",
    "Không tìm thấy trang": "Page not found",
    "Không có trang nào ở địa chỉ này.": "There is no page at this address.",
    "Hub gặp lỗi": "The hub had a problem",
    "Hub gặp lỗi khi mở trang này. Dữ liệu đã lưu không bị ảnh hưởng.":
        "The hub had a problem opening this page. Saved data is not affected.",
    "Hub không nhận biểu mẫu": "Form not accepted",
    # the audit log's actions (hub.web.routes.AUDIT_ACTIONS)
    "Đăng nhập sai": "Wrong password or name",
    "Đăng nhập khi tên đang bị khóa": "Sign-in while the name is locked",
    "Đăng nhập quá nhiều lần từ một địa chỉ": "Too many sign-ins from one address",
    "Thêm tài khoản": "Account added",
    "Bị từ chối quyền xem": "Access refused",
    "Biểu mẫu cũ hoặc không hợp lệ": "Old or invalid form",
    "Thu hồi thiết bị": "Device revoked",
    "Đã phát hành gói nội dung": "Content pack published",
    "Gói nội dung bị từ chối": "Content pack refused",
    "Địa chỉ không hợp lệ": "Address not valid",
    "Đến trang đăng nhập": "Go to sign-in",
    "Hãy quay lại trang trước hoặc chọn trang từ menu, rồi thử lại.":
        "Go back to the previous page or choose a page from the menu, then try again.",
    "Hãy chọn trang của mình từ menu. Nếu cần quyền xem trang này, hãy nhờ quản trị hub.":
        "Choose your own page from the menu. If you need access to this page, ask the hub "
        "administrator.",
    "Địa chỉ có thể gõ sai hoặc đã cũ. Hãy chọn trang từ menu hoặc về trang tổng quan.":
        "The address may be mistyped or out of date. Choose a page from the menu or go back "
        "to the overview.",
    "Hãy thử lại sau ít phút. Nếu vẫn lỗi, hãy báo quản trị hub (lỗi đã được ghi lại).":
        "Try again in a few minutes. If it keeps failing, tell the hub administrator (the "
        "error was logged).",
    "Hãy quay lại biểu mẫu, xóa ký tự đó hoặc gõ lại mục đó rồi gửi lại.":
        "Go back to the form, remove that character or type the field again, then send it "
        "again.",
    "Hãy chọn trang từ menu hoặc về trang tổng quan; đừng dán địa chỉ có ký tự lạ.":
        "Choose the page from the menu or go back to the overview; do not paste an address "
        "with odd characters.",
    "Hãy tải lại trang (phím F5) rồi gửi lại biểu mẫu.":
        "Reload the page (F5 key), then send the form again.",
    # audit
    "Nhật ký hub": "Hub audit log",
    "Người": "Who",
    "Việc": "Action",
    "Kết quả": "Result",
    "Chi tiết": "Detail",
    "được": "ok",
    "bị từ chối": "refused",
}


def pick_lang(value: str | None) -> str:
    return value if value in LANGS else "vi"


def tr(text: str, lang: str) -> str:
    """``text`` (Vietnamese) in ``lang``."""
    if lang == "en":
        return EN.get(text, text)
    return text
