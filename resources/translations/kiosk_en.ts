<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="vi_VN">
<context>
    <name>AllowanceTab</name>
    <message>
        <source>Kinh phí hỗ trợ trong kỳ</source>
        <translation>Support allowance for the period</translation>
    </message>
    <message>
        <source>Quy định về mức hỗ trợ (mới nhất trước)</source>
        <translation>Allowance rules (newest first)</translation>
    </message>
    <message>
        <source>Thêm quy định mới</source>
        <translation>Add a new rule</translation>
    </message>
    <message>
        <source>Thành viên</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Số ngày</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>Theo mức</source>
        <translation>At the daily rate</translation>
    </message>
    <message>
        <source>Được nhận</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Mức tối đa của tổ theo từng kỳ</source>
        <translation>Team cap per cap period</translation>
    </message>
    <message>
        <source>Kỳ</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Mức tối đa</source>
        <translation>Cap</translation>
    </message>
    <message>
        <source>Đã dùng</source>
        <translation>Used</translation>
    </message>
    <message>
        <source>Còn lại</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <source>Chưa có dữ liệu: chưa thành viên nào có ngày hoạt động trong kỳ này.</source>
        <translation>No data yet: no member has an active day in this period.</translation>
    </message>
    <message>
        <source>Tên quy định</source>
        <translation>Rule name</translation>
    </message>
    <message>
        <source>Có hiệu lực từ</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <source>Hết hiệu lực</source>
        <translation>Valid to</translation>
    </message>
    <message>
        <source>Mỗi người mỗi ngày</source>
        <translation>Per person per day</translation>
    </message>
    <message>
        <source>Tối đa cho cả tổ</source>
        <translation>Cap for the whole team</translation>
    </message>
    <message>
        <source>Tính mức tối đa theo</source>
        <translation>Cap applies per</translation>
    </message>
    <message>
        <source>Nguồn (văn bản)</source>
        <translation>Source (document)</translation>
    </message>
    <message>
        <source>Chưa có ngày hết hiệu lực</source>
        <translation>No end date yet</translation>
    </message>
    <message>
        <source>Từng tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Từng năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Thêm quy định</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <source>Lưu quy định mới; số tiền được tính lại ngay.</source>
        <translation>Save the new rule; amounts are recalculated at once.</translation>
    </message>
    <message>
        <source>{n} tổ, mỗi tổ tính mức tối đa riêng: {list}.</source>
        <translation>{n} teams, each capped on its own: {list}.</translation>
    </message>
    <message>
        <source>Tổng được nhận: {v}</source>
        <translation>Total paid: {v}</translation>
    </message>
    <message>
        <source>{n} thành viên, {d} ngày hoạt động; theo mức ngày là {due}.</source>
        <translation>Members: {n}; active days: {d}; at the daily rate that is {due}.</translation>
    </message>
    <message>
        <source>Phần vượt mức tối đa của tổ không được tính.</source>
        <translation>Anything above the team cap is not paid.</translation>
    </message>
    <message>
        <source>Còn lại trong {label}: {left} (đã dùng {used} / tối đa {cap}).</source>
        <translation>Remaining in {label}: {left} (used {used} of {cap}).</translation>
    </message>
    <message>
        <source>Cả tổ</source>
        <translation>Whole team</translation>
    </message>
    <message>
        <source>và {n} ngày khác</source>
        <translation>and {n} more days</translation>
    </message>
    <message>
        <source>{n} ngày hoạt động không có quy định nào (0 đ): {days}. Hãy thêm quy định cho những ngày này nếu có.</source>
        <translation>{n} active days have no rule (0 đ): {days}. Add a rule for these days if there is one.</translation>
    </message>
    <message>
        <source>Đã chạm mức tối đa từ ngày {d}.</source>
        <translation>The cap was reached on {d}.</translation>
    </message>
    <message>
        <source>áp dụng cho kỳ này</source>
        <translation>applies to this period</translation>
    </message>
    <message>
        <source>Nguồn: {s}</source>
        <translation>Source: {s}</translation>
    </message>
    <message>
        <source>Đã thêm quy định “{name}”. Số tiền đã được tính lại.</source>
        <translation>Rule “{name}” added. Amounts have been recalculated.</translation>
    </message>
</context>
<context>
    <name>AskDialog</name>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Ghi lý do (bắt buộc)</source>
        <translation>Write the reason (required)</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Hãy ghi lý do trước khi tiếp tục.</source>
        <translation>Write a reason before continuing.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Chưa có dữ liệu</source>
        <translation>No data yet</translation>
    </message>
</context>
<context>
    <name>CatalogueScreen</name>
    <message>
        <source>Gõ để tìm bài hướng dẫn (dành cho tình nguyện viên)</source>
        <translation>Type to find a guide (for volunteers)</translation>
    </message>
    <message>
        <source>Tìm bài hướng dẫn</source>
        <translation>Find a guide</translation>
    </message>
    <message>
        <source>Tiếp tục bài đang học</source>
        <translation>Continue where I stopped</translation>
    </message>
    <message>
        <source>Nhập mã 4 số để học tiếp từ bước đã dừng.</source>
        <translation>Type your 4-digit code to go on from the step where you stopped.</translation>
    </message>
    <message>
        <source>Đang tải bài học…</source>
        <translation>Loading the lessons…</translation>
    </message>
    <message>
        <source>Xin chờ một chút. Bạn vẫn có thể bấm Màn hình chính.</source>
        <translation>Please wait a moment. You can still press Home.</translation>
    </message>
    <message>
        <source>Kết quả tìm kiếm</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>In hướng dẫn: chọn chủ đề</source>
        <translation>Print a guide: choose a topic</translation>
    </message>
    <message>
        <source>Học từng bước: chọn chủ đề</source>
        <translation>Learn step by step: choose a topic</translation>
    </message>
    <message>
        <source>Chưa có bài hướng dẫn nào trên máy này.</source>
        <translation>There are no guides on this kiosk yet.</translation>
    </message>
    <message>
        <source>Hãy nhờ cán bộ xã/phường kiểm tra nội dung.</source>
        <translation>Please ask the commune staff to check the content.</translation>
    </message>
    <message>
        <source>{n} bài hướng dẫn.</source>
        <translation>{n} guides.</translation>
    </message>
    <message>
        <source>khoảng {n} phút</source>
        <translation>about {n} minutes</translation>
    </message>
    <message>
        <source>In tờ hướng dẫn này.</source>
        <translation>Print this guide sheet.</translation>
    </message>
    <message>
        <source>Mở hướng dẫn từng bước.</source>
        <translation>Open the step-by-step guide.</translation>
    </message>
    <message>
        <source>Tập thử: {title}</source>
        <translation>Practise: {title}</translation>
    </message>
    <message>
        <source>Tập trên điện thoại tập, không sợ bấm sai.</source>
        <translation>Practise on a pretend phone; nothing can go wrong.</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <source>Mời bạn đọc hoặc nghe, rồi tự chọn.</source>
        <translation>Please read or listen, then choose for yourself.</translation>
    </message>
    <message>
        <source>Nghe lại</source>
        <translation>Listen again</translation>
    </message>
    <message>
        <source>Đọc to lời xin phép.</source>
        <translation>Read the request aloud.</translation>
    </message>
    <message>
        <source>Không đồng ý</source>
        <translation>I do not agree</translation>
    </message>
    <message>
        <source>Không lưu thông tin này. Bạn vẫn được hỗ trợ.</source>
        <translation>This is not kept. You are still helped.</translation>
    </message>
    <message>
        <source>Tôi đồng ý</source>
        <translation>I agree</translation>
    </message>
    <message>
        <source>Cho phép lưu thông tin này.</source>
        <translation>Allow this to be kept.</translation>
    </message>
</context>
<context>
    <name>ContactGate</name>
    <message>
        <source>Cần liên hệ lại</source>
        <translation>Needs a call back</translation>
    </message>
    <message>
        <source>Xin phép người dân lưu họ tên và số điện thoại.</source>
        <translation>Ask the citizen&apos;s permission to keep their name and phone number.</translation>
    </message>
    <message>
        <source>Họ tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Họ tên người cần liên hệ lại</source>
        <translation>Name of the person to call back</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Số điện thoại người cần liên hệ lại</source>
        <translation>Phone number of the person to call back</translation>
    </message>
    <message>
        <source>Người dân đã đồng ý. Ghi họ tên và số điện thoại:</source>
        <translation>The citizen agreed. Write the name and phone number:</translation>
    </message>
    <message>
        <source>Chỉ ghi khi người dân đồng ý.</source>
        <translation>Only with consent.</translation>
    </message>
</context>
<context>
    <name>DrivePicker</name>
    <message>
        <source>Thư mục Tài liệu</source>
        <translation>Documents folder</translation>
    </message>
    <message>
        <source>Thư mục Tải về</source>
        <translation>Downloads folder</translation>
    </message>
    <message>
        <source>Các ổ USB</source>
        <translation>USB drives</translation>
    </message>
    <message>
        <source>Các tệp trên USB</source>
        <translation>Files on the USB drive</translation>
    </message>
    <message>
        <source>Tìm lại USB</source>
        <translation>Look for USB drives again</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Chọn</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>USB “{name}”</source>
        <translation>USB “{name}”</translation>
    </message>
    <message>
        <source>Không thấy USB nào. Hãy cắm USB vào máy, chờ vài giây rồi bấm “Tìm lại USB”.</source>
        <translation>No USB drive found. Plug in a USB drive, wait a few seconds, then tap “Look for USB drives again”.</translation>
    </message>
    <message>
        <source>Các tệp {kinds} trên USB này:</source>
        <translation>{kinds} files on this USB drive:</translation>
    </message>
    <message>
        <source>USB này không có tệp {kinds}. Hãy chọn USB khác hoặc chép tệp vào USB.</source>
        <translation>This USB drive has no {kinds} file. Choose another USB drive or copy the file onto it.</translation>
    </message>
</context>
<context>
    <name>EthnicGate</name>
    <message>
        <source>Ghi dân tộc</source>
        <translation>Record ethnic group</translation>
    </message>
    <message>
        <source>Xin phép người dân ghi dân tộc (không bắt buộc).</source>
        <translation>Ask the citizen&apos;s permission to record their ethnic group (optional).</translation>
    </message>
    <message>
        <source>Dân tộc</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <source>Chọn hoặc gõ tên dân tộc</source>
        <translation>Choose or type the ethnic group</translation>
    </message>
    <message>
        <source>Người dân đã đồng ý. Chọn dân tộc:</source>
        <translation>The citizen agreed. Choose the ethnic group:</translation>
    </message>
    <message>
        <source>Không bắt buộc. Chỉ ghi khi người dân đồng ý.</source>
        <translation>Optional; only with consent.</translation>
    </message>
</context>
<context>
    <name>ExportTab</name>
    <message>
        <source>1. Định dạng tệp</source>
        <translation>1. File format</translation>
    </message>
    <message>
        <source>2. Nội dung</source>
        <translation>2. Content</translation>
    </message>
    <message>
        <source>3. Lưu vào (USB trước, hoặc thư mục Tài liệu)</source>
        <translation>3. Save to (USB drive first, or Documents)</translation>
    </message>
    <message>
        <source>Chọn định dạng tệp.</source>
        <translation>Choose the file format.</translation>
    </message>
    <message>
        <source>Bản ghi</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Tổng hợp</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Kinh phí hỗ trợ</source>
        <translation>Allowance</translation>
    </message>
    <message>
        <source>Cả ba (một tệp)</source>
        <translation>All three (one file)</translation>
    </message>
    <message>
        <source>Chọn nội dung cần xuất.</source>
        <translation>Choose what to export.</translation>
    </message>
    <message>
        <source>Tìm lại USB</source>
        <translation>Look for USB drives again</translation>
    </message>
    <message>
        <source>Tìm lại các USB vừa cắm vào máy.</source>
        <translation>Look again for USB drives just plugged in.</translation>
    </message>
    <message>
        <source>Chọn thư mục…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <source>Chọn một thư mục khác để lưu tệp.</source>
        <translation>Choose another folder to save the file in.</translation>
    </message>
    <message>
        <source>Kèm thông tin liên hệ</source>
        <translation>Include contact details</translation>
    </message>
    <message>
        <source>Đang xuất…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Xuất</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Ghi tệp vào nơi đã chọn.</source>
        <translation>Write the file to the chosen place.</translation>
    </message>
    <message>
        <source>Tệp sẽ có tên, số điện thoại và ghi chú của người dân đã đồng ý. Chỉ đưa cho người có trách nhiệm, xóa khi không cần nữa.</source>
        <translation>The file will hold the names, phone numbers and notes of citizens who agreed. Give it only to the person responsible, and delete it when no longer needed.</translation>
    </message>
    <message>
        <source>Không chọn: tệp không có tên hay số điện thoại của ai.</source>
        <translation>Not ticked: the file holds nobody&apos;s name or phone number.</translation>
    </message>
    <message>
        <source>Tổng hợp, kinh phí và báo cáo PDF không bao giờ có thông tin liên hệ.</source>
        <translation>Summaries, the allowance and PDF reports never contain contact details.</translation>
    </message>
    <message>
        <source>Tên tệp: {name}</source>
        <translation>File name: {name}</translation>
    </message>
    <message>
        <source>Chưa chọn nơi lưu.</source>
        <translation>No place chosen yet.</translation>
    </message>
    <message>
        <source> (USB)</source>
        <translation> (USB)</translation>
    </message>
    <message>
        <source>Nơi lưu: {path}</source>
        <translation>Save to: {path}</translation>
    </message>
    <message>
        <source>USB “{name}”</source>
        <translation>USB “{name}”</translation>
    </message>
    <message>
        <source>Thư mục Tài liệu</source>
        <translation>Documents folder</translation>
    </message>
    <message>
        <source>Lưu tệp vào {path}.</source>
        <translation>Save the file in {path}.</translation>
    </message>
    <message>
        <source>Chọn USB để lưu tệp</source>
        <translation>Choose a USB drive to save the file</translation>
    </message>
    <message>
        <source>Hãy chọn nơi lưu tệp (USB hoặc thư mục).</source>
        <translation>Choose where to save the file (USB drive or folder).</translation>
    </message>
    <message>
        <source>USB đã bị rút hoặc không còn ghi được. Hãy cắm lại USB rồi bấm “Tìm lại USB”, hoặc chọn nơi lưu khác.</source>
        <translation>The USB drive was removed or can no longer be written. Plug it in again and press “Look for USB drives again”, or choose another place.</translation>
    </message>
    <message>
        <source>Không xuất được tệp. Hãy thử lại, hoặc chọn nơi lưu khác.</source>
        <translation>The file could not be exported. Try again, or choose another place.</translation>
    </message>
    <message>
        <source>Đã ghi tệp ({n} dòng):</source>
        <translation>File written ({n} rows):</translation>
    </message>
    <message>
        <source>Tệp có dữ liệu mẫu (demo) và được đánh dấu rõ.</source>
        <translation>The file includes demo data and is clearly marked.</translation>
    </message>
</context>
<context>
    <name>FinishScreen</name>
    <message>
        <source>Bạn đã làm xong!</source>
        <translation>You have finished!</translation>
    </message>
    <message>
        <source>In hướng dẫn này</source>
        <translation>Print this guide</translation>
    </message>
    <message>
        <source>In tờ hướng dẫn để mang về nhà.</source>
        <translation>Print the how-to sheet to take home.</translation>
    </message>
    <message>
        <source>Hỏi tình nguyện viên</source>
        <translation>Ask a volunteer</translation>
    </message>
    <message>
        <source>Nhờ tình nguyện viên giúp thêm.</source>
        <translation>Ask a volunteer for more help.</translation>
    </message>
    <message>
        <source>Về màn hình chính</source>
        <translation>Back to Home</translation>
    </message>
    <message>
        <source>Bạn đã làm xong! Bạn có thể in hướng dẫn này, hỏi tình nguyện viên, hoặc về màn hình chính.</source>
        <translation>You have finished! You can print this guide, ask a volunteer, or go back to Home.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Xin chào! Bạn cần giúp gì?</source>
        <translation>Hello! How can we help?</translation>
    </message>
    <message>
        <source>Lấy số thứ tự</source>
        <translation>Take a number</translation>
    </message>
    <message>
        <source>Nhận một số để chờ đến lượt.</source>
        <translation>Get a number and wait for your turn.</translation>
    </message>
    <message>
        <source>Học từng bước</source>
        <translation>Learn step by step</translation>
    </message>
    <message>
        <source>Xem và nghe hướng dẫn từng bước.</source>
        <translation>See and hear a guide, one step at a time.</translation>
    </message>
    <message>
        <source>In hướng dẫn</source>
        <translation>Print a guide</translation>
    </message>
    <message>
        <source>In tờ hướng dẫn mang về nhà.</source>
        <translation>Print a guide sheet to take home.</translation>
    </message>
    <message>
        <source>Kiểm tra tin nhắn lạ</source>
        <translation>Check a strange message</translation>
    </message>
    <message>
        <source>Cuộc gọi, tin nhắn lạ: có phải lừa đảo không?</source>
        <translation>A strange call or message: is it a scam?</translation>
    </message>
    <message>
        <source>Bàn tình nguyện viên</source>
        <translation>Volunteer desk</translation>
    </message>
    <message>
        <source>Gọi số và hỗ trợ người dân.</source>
        <translation>Call numbers and help citizens.</translation>
    </message>
    <message>
        <source>Ghi nhận hỗ trợ</source>
        <translation>Log help given</translation>
    </message>
    <message>
        <source>Ghi lại một lượt hỗ trợ.</source>
        <translation>Record one person helped.</translation>
    </message>
    <message>
        <source>Quản lý</source>
        <translation>Management</translation>
    </message>
    <message>
        <source>Báo cáo, thành viên và cài đặt.</source>
        <translation>Reports, members and settings.</translation>
    </message>
    <message>
        <source>Màn hình chính. Bạn có thể chọn: {names}.</source>
        <translation>Home screen. You can choose: {names}.</translation>
    </message>
</context>
<context>
    <name>HomeVisitsScreen</name>
    <message>
        <source>(đã xóa thông tin người cần hỗ trợ)</source>
        <translation>(who to visit was erased)</translation>
    </message>
    <message>
        <source>Lúc: {t}</source>
        <translation>When: {t}</translation>
    </message>
    <message>
        <source>ĐT: {p}</source>
        <translation>Phone: {p}</translation>
    </message>
    <message>
        <source>Đã có người nhận: {name}</source>
        <translation>Taken by: {name}</translation>
    </message>
    <message>
        <source>Chưa có người nhận</source>
        <translation>Nobody has taken it yet</translation>
    </message>
    <message>
        <source>Bạn đã nhận việc: {who}.</source>
        <translation>You took this visit: {who}.</translation>
    </message>
    <message>
        <source>Đã giao việc cho {name}: {who}.</source>
        <translation>Given to {name}: {who}.</translation>
    </message>
    <message>
        <source>Đã xong. Lượt hỗ trợ tại nhà đã được ghi vào sổ.</source>
        <translation>Done. The home visit has been logged.</translation>
    </message>
    <message>
        <source>Đã hủy yêu cầu. Tên và số điện thoại đã được xóa.</source>
        <translation>Request cancelled. The name and phone number were erased.</translation>
    </message>
    <message>
        <source>Đã ghi yêu cầu đến nhà ở {village}.</source>
        <translation>Home-visit request saved for {village}.</translation>
    </message>
    <message>
        <source>Người dân đã đồng ý. Hãy ghi số điện thoại.</source>
        <translation>The citizen agreed. Type the phone number.</translation>
    </message>
    <message>
        <source>Không lưu số điện thoại. Yêu cầu vẫn được ghi.</source>
        <translation>No phone number is kept. The request is still saved.</translation>
    </message>
    <message>
        <source>Thêm yêu cầu đến nhà</source>
        <translation>New home-visit request</translation>
    </message>
    <message>
        <source>Danh sách đến nhà hỗ trợ</source>
        <translation>Home visits</translation>
    </message>
    <message>
        <source>Thôn, tổ dân phố có yêu cầu</source>
        <translation>Villages with requests</translation>
    </message>
    <message>
        <source>Yêu cầu đến nhà ở thôn đã chọn</source>
        <translation>Home-visit requests in the chosen village</translation>
    </message>
    <message>
        <source>Chưa có yêu cầu đến nhà nào. Bấm “Thêm yêu cầu” khi có người cần tổ đến tận nhà hỗ trợ.</source>
        <translation>No home-visit requests yet. Press “New request” when someone needs the team to come to their home.</translation>
    </message>
    <message>
        <source>Thêm yêu cầu</source>
        <translation>New request</translation>
    </message>
    <message>
        <source>Ghi một người cần tổ đến tận nhà hỗ trợ.</source>
        <translation>Record someone who needs the team to come to their home.</translation>
    </message>
    <message>
        <source>Nhận việc</source>
        <translation>Take it</translation>
    </message>
    <message>
        <source>Bạn sẽ đến nhà này.</source>
        <translation>You will visit this home.</translation>
    </message>
    <message>
        <source>Giao việc</source>
        <translation>Give the visit</translation>
    </message>
    <message>
        <source>Người đã chọn sẽ đến nhà này.</source>
        <translation>The chosen member will visit this home.</translation>
    </message>
    <message>
        <source>Người đến nhà:</source>
        <translation>Who visits:</translation>
    </message>
    <message>
        <source>Người đến nhà</source>
        <translation>Who visits</translation>
    </message>
    <message>
        <source>Đã xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Đã đến hỗ trợ: ghi lượt hỗ trợ tại nhà.</source>
        <translation>Visited: log the home visit.</translation>
    </message>
    <message>
        <source>Hủy yêu cầu</source>
        <translation>Cancel request</translation>
    </message>
    <message>
        <source>Không cần đến nữa: xóa tên và số điện thoại.</source>
        <translation>No visit needed any more: erase the name and phone.</translation>
    </message>
    <message>
        <source>Lưu yêu cầu</source>
        <translation>Save request</translation>
    </message>
    <message>
        <source>Ghi yêu cầu vào danh sách.</source>
        <translation>Add the request to the list.</translation>
    </message>
    <message>
        <source>Quay lại danh sách</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <source>Không lưu, trở về danh sách.</source>
        <translation>Do not save; back to the list.</translation>
    </message>
    <message>
        <source>Thôn/tổ dân phố</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Người cần hỗ trợ</source>
        <translation>Who to visit</translation>
    </message>
    <message>
        <source>Cần hỗ trợ việc gì</source>
        <translation>What is needed</translation>
    </message>
    <message>
        <source>Ghi thêm</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Thời gian thuận tiện</source>
        <translation>Best time</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Tên hoặc mô tả nhà, ví dụ: bà Tư, cạnh nhà văn hóa</source>
        <translation>A name or the house, e.g. Mrs Tu, next to the village hall</translation>
    </message>
    <message>
        <source>Ghi thêm việc cần hỗ trợ</source>
        <translation>More about what is needed</translation>
    </message>
    <message>
        <source>Ví dụ: kích hoạt tài khoản mức 2</source>
        <translation>E.g. activate a level 2 account</translation>
    </message>
    <message>
        <source>Ví dụ: sáng thứ Bảy</source>
        <translation>E.g. Saturday morning</translation>
    </message>
</context>
<context>
    <name>HomeVisitsTab</name>
    <message>
        <source>Đến nhà hỗ trợ</source>
        <translation>Home visits</translation>
    </message>
    <message>
        <source>Danh sách người cần tổ đến tận nhà hỗ trợ, theo thôn/tổ dân phố. Thành viên nhận việc, đánh dấu “Đã xong” thì lượt hỗ trợ tại nhà được ghi vào sổ. Danh sách đi cùng gói dữ liệu USB sang máy của tổ lưu động và trở về (tab “Hồ sơ &amp; dữ liệu cá nhân”); không gửi lên máy chủ. Tên và số điện thoại được xóa sau thời hạn giữ thông tin liên hệ.</source>
        <translation>People who need the team to come to their home, by village. A member takes a visit; marking it “Done” logs the home visit. The list travels in the USB data bundle to the mobile team&apos;s laptop and back (tab “Records &amp; personal data”); it is never sent to the server. Names and phone numbers are erased after the contact retention period.</translation>
    </message>
    <message>
        <source>Mở danh sách đến nhà</source>
        <translation>Open the home-visit list</translation>
    </message>
    <message>
        <source>Xem, thêm, nhận và đánh dấu xong các yêu cầu.</source>
        <translation>See, add, take and finish requests.</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <source>Thêm thời gian</source>
        <translation>More time</translation>
    </message>
    <message>
        <source>Chạm để tiếp tục dùng kiosk.</source>
        <translation>Touch to keep using the kiosk.</translation>
    </message>
    <message>
        <source>Bạn còn ở đây không?
Máy sẽ về màn hình chính sau {n} giây.</source>
        <translation>Are you still there?
The kiosk will go back to the start in {n} seconds.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Về màn hình trước.</source>
        <translation>Go to the previous screen.</translation>
    </message>
    <message>
        <source>Màn hình chính</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Về màn hình đầu tiên.</source>
        <translation>Go to the first screen.</translation>
    </message>
    <message>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Kết thúc phiên của tình nguyện viên.</source>
        <translation>End the volunteer session.</translation>
    </message>
    <message>
        <source>Đổi ngôn ngữ.</source>
        <translation>Change the language.</translation>
    </message>
    <message>
        <source>Chữ to hơn.</source>
        <translation>Larger text.</translation>
    </message>
    <message>
        <source>Chữ to hơn</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <source>Chữ nhỏ hơn.</source>
        <translation>Smaller text.</translation>
    </message>
    <message>
        <source>Chữ nhỏ hơn</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <source>Đổi màu</source>
        <translation>Colours</translation>
    </message>
    <message>
        <source>Đổi màu nền và chữ cho dễ nhìn hơn.</source>
        <translation>Change the colours so they are easier to see.</translation>
    </message>
    <message>
        <source>Bật hoặc tắt đọc to.</source>
        <translation>Turn reading aloud on or off.</translation>
    </message>
    <message>
        <source>Đọc to</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <source>Đang đăng nhập: {name}</source>
        <translation>Signed in: {name}</translation>
    </message>
    <message>
        <source>Cỡ chữ {n}/3</source>
        <translation>Text size {n}/3</translation>
    </message>
    <message>
        <source>Thông báo</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Đã hiểu</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Vui lòng giơ tay hoặc đến bàn hỗ trợ, tình nguyện viên sẽ giúp bạn ngay.</source>
        <extracomment>Resume codes (``ui.features.resume.ResumeCodes``) once that feature is installed: a player that a citizen may leave midway offers a code through it.</extracomment>
        <translation>Please raise your hand or come to the help desk; a volunteer will help you right away.</translation>
    </message>
    <message>
        <source>Đã bật đọc to. Chạm một lần để nghe, chạm lần nữa để chọn.</source>
        <translation>Reading aloud is on. Touch once to hear, touch again to choose.</translation>
    </message>
    <message>
        <source>Cài đặt có vấn đề</source>
        <translation>Settings problem</translation>
    </message>
</context>
<context>
    <name>MembersTab</name>
    <message>
        <source>Tình nguyện viên</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Mã PIN (4–8 số)</source>
        <translation>PIN (4–8 digits)</translation>
    </message>
    <message>
        <source>Thêm thành viên</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>Tắt / bật</source>
        <translation>Turn off / on</translation>
    </message>
    <message>
        <source>Đặt lại PIN</source>
        <translation>Reset PIN</translation>
    </message>
    <message>
        <source> (đã tắt)</source>
        <translation> (turned off)</translation>
    </message>
    <message>
        <source>Đã thêm “{name}”.</source>
        <translation>Added “{name}”.</translation>
    </message>
    <message>
        <source>Hãy chọn một thành viên trong danh sách.</source>
        <translation>Choose a member in the list.</translation>
    </message>
    <message>
        <source>Đã tắt “{name}”.</source>
        <translation>Turned off “{name}”.</translation>
    </message>
    <message>
        <source>Đã bật “{name}”.</source>
        <translation>Turned on “{name}”.</translation>
    </message>
    <message>
        <source>Hãy chọn một thành viên, rồi nhập mã PIN mới.</source>
        <translation>Choose a member, then type the new PIN.</translation>
    </message>
    <message>
        <source>Đã đặt lại mã PIN cho “{name}”.</source>
        <translation>Reset the PIN of “{name}”.</translation>
    </message>
</context>
<context>
    <name>NowServingWindow</name>
    <message>
        <source>Bàn {desk}: chưa gọi số</source>
        <translation>Desk {desk}: no number called</translation>
    </message>
    <message>
        <source>Bàn {desk}: số ưu tiên {label}</source>
        <translation>Desk {desk}: priority number {label}</translation>
    </message>
    <message>
        <source>Bàn {desk}: số {label}</source>
        <translation>Desk {desk}: number {label}</translation>
    </message>
    <message>
        <source>Đang chờ: {n} người</source>
        <translation>Waiting: {n} people</translation>
    </message>
    <message>
        <source>ƯT = số ưu tiên (người cao tuổi, người khuyết tật, phụ nữ mang thai, người đi cùng trẻ dưới 6 tuổi)</source>
        <translation>P = priority number (older people, people with disabilities, pregnant women, people with a child under 6)</translation>
    </message>
    <message>
        <source>Màn hình gọi số</source>
        <translation>Now-serving display</translation>
    </message>
    <message>
        <source>MỜI SỐ</source>
        <translation>NOW SERVING</translation>
    </message>
    <message>
        <source>Bàn {desk}</source>
        <translation>Desk {desk}</translation>
    </message>
    <message>
        <source>Vừa gọi</source>
        <translation>Just called</translation>
    </message>
    <message>
        <source>Số tiếp theo</source>
        <translation>Next numbers</translation>
    </message>
</context>
<context>
    <name>PagedGrid</name>
    <message>
        <source>Trang trước</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Xem các lựa chọn trước.</source>
        <translation>See the previous choices.</translation>
    </message>
    <message>
        <source>Xem thêm</source>
        <translation>More</translation>
    </message>
    <message>
        <source>Xem các lựa chọn tiếp theo.</source>
        <translation>See the next choices.</translation>
    </message>
    <message>
        <source>Trang {n}/{total}</source>
        <translation>Page {n}/{total}</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Tuần này</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Tháng trước</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Chọn ngày…</source>
        <translation>Choose dates…</translation>
    </message>
    <message>
        <source>Xem số liệu của kỳ này.</source>
        <translation>Show the figures for this period.</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>đến ngày</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Đến ngày</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Xem</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Xem số liệu từ ngày đến ngày đã chọn.</source>
        <translation>Show the figures between the chosen dates.</translation>
    </message>
</context>
<context>
    <name>PhoneGate</name>
    <message>
        <source>Xin số điện thoại</source>
        <extracomment>Active members staff may give a visit to, (uuid, name); empty for a volunteer.</extracomment>
        <translation>Ask for a phone number</translation>
    </message>
    <message>
        <source>Hỏi người dân có đồng ý cho lưu số điện thoại không.</source>
        <translation>Ask the citizen whether the phone number may be kept.</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Số điện thoại của người cần đến nhà</source>
        <translation>Phone number of the person to visit</translation>
    </message>
    <message>
        <source>Người dân đã đồng ý. Ghi số điện thoại:</source>
        <translation>The citizen agreed. Type the phone number:</translation>
    </message>
    <message>
        <source>Chỉ ghi khi người dân đồng ý.</source>
        <translation>Only with consent.</translation>
    </message>
</context>
<context>
    <name>PinPadScreen</name>
    <message>
        <source>một chữ số</source>
        <translation>one digit</translation>
    </message>
    <message>
        <source>Nhập mã PIN của tình nguyện viên hoặc cán bộ</source>
        <translation>Enter a volunteer or staff PIN</translation>
    </message>
    <message>
        <source>Xóa</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Xóa các số đã nhập.</source>
        <translation>Clear the digits entered.</translation>
    </message>
    <message>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Kiểm tra mã PIN.</source>
        <translation>Check the PIN.</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Nhập mã PIN. Mỗi số bạn chạm sẽ chỉ được đọc là một chữ số.</source>
        <translation>Enter the PIN. Each number you touch is only read as one digit.</translation>
    </message>
</context>
<context>
    <name>PracticeScreen</name>
    <message>
        <source>Trên điện thoại tập có các nút: {names}.</source>
        <translation>The practice phone has these buttons: {names}.</translation>
    </message>
    <message>
        <source>Bàn phím số tập ở bên phải, hai hàng số từ 1 đến 0, nút Xóa ở cuối.</source>
        <translation>The practice keypad is on the right: two rows of digits from 1 to 0, and Delete at the end.</translation>
    </message>
    <message>
        <source>Số tập đã nhập: {n} trên {total} chữ số</source>
        <translation>Practice digits typed: {n} of {total}</translation>
    </message>
    <message>
        <source>Nghe lại</source>
        <translation>Listen again</translation>
    </message>
    <message>
        <source>Đọc to hướng dẫn này.</source>
        <translation>Read these instructions aloud.</translation>
    </message>
    <message>
        <source>Hỏi tình nguyện viên</source>
        <translation>Ask a volunteer</translation>
    </message>
    <message>
        <source>Nhờ tình nguyện viên giúp ở bước tập này.</source>
        <translation>Ask a volunteer for help with this practice step.</translation>
    </message>
    <message>
        <source>Tập lại từ đầu</source>
        <translation>Practise again</translation>
    </message>
    <message>
        <source>Tập lại bài này từ màn hình đầu.</source>
        <translation>Practise again from the first screen.</translation>
    </message>
    <message>
        <source>Làm lại bước này</source>
        <translation>Redo this step</translation>
    </message>
    <message>
        <source>Xóa số đã nhập và làm lại màn hình này.</source>
        <translation>Clear what was typed and redo this screen.</translation>
    </message>
    <message>
        <source>ĐIỆN THOẠI TẬP</source>
        <translation>PRACTICE PHONE</translation>
    </message>
    <message>
        <source>Điện thoại tập, không phải máy thật</source>
        <translation>Practice phone, not a real one</translation>
    </message>
    <message>
        <source>Số tập:</source>
        <translation>Practice digits:</translation>
    </message>
    <message>
        <source>{label}, số tập</source>
        <translation>{label}, practice digits</translation>
    </message>
    <message>
        <source>Bàn phím số tập. Chỉ nhập số tập, không nhập số thật của bạn.</source>
        <translation>Practice keypad. Type only practice numbers, never your real ones.</translation>
    </message>
    <message>
        <source>Số tập {d}</source>
        <translation>Practice digit {d}</translation>
    </message>
    <message>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Xóa số vừa nhập.</source>
        <translation>Delete the last digit.</translation>
    </message>
    <message>
        <source>Đã xong</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Màn {n}/{total}</source>
        <translation>Screen {n}/{total}</translation>
    </message>
    <message>
        <source>Bạn đã tập xong!</source>
        <translation>You have finished the practice!</translation>
    </message>
    <message>
        <source>Màn hình này có thể khác trên máy thật.</source>
        <translation>This screen may look different on a real phone.</translation>
    </message>
    <message>
        <source>Nút trên điện thoại tập.</source>
        <translation>A button on the practice phone.</translation>
    </message>
</context>
<context>
    <name>QueueFeature</name>
    <message>
        <source>Mời số {label} đến bàn {desk}</source>
        <extracomment>Desk → (key that calls the next number, key that calls the same number again). Keys of a USB numeric keypad; every keypad types into the same kiosk, so each desk has its own pair.</extracomment>
        <translation>Number {label}, please go to desk {desk}</translation>
    </message>
    <message>
        <source>Vui lòng giơ tay hoặc đến bàn hỗ trợ, tình nguyện viên sẽ giúp bạn ngay.</source>
        <translation>Please raise your hand or come to the help desk; a volunteer will help you right away.</translation>
    </message>
    <message>
        <source>Máy in đang gặp sự cố, vui lòng nhớ số của bạn</source>
        <translation>The printer has a problem, please remember your number</translation>
    </message>
    <message>
        <source>Bàn {desk} chưa gọi số nào. Bấm phím gọi số tiếp theo.</source>
        <translation>Desk {desk} has not called a number. Press the call-next key.</translation>
    </message>
    <message>
        <source>Số {label} vắng mặt. Bàn {desk} có thể gọi số tiếp theo.</source>
        <translation>Number {label} did not come. Desk {desk} can call the next number.</translation>
    </message>
    <message>
        <source>Hàng đợi</source>
        <translation>Queue</translation>
    </message>
</context>
<context>
    <name>QueueStaffTab</name>
    <message>
        <source>Các dịch vụ hiện trên màn hình lấy số. Bấm “Đang dùng” để tạm ngừng một dịch vụ (số đang chờ vẫn được gọi). “In phiếu thử” in một phiếu mẫu để kiểm tra máy in, không lấy số thật.</source>
        <translation>The services shown on the ticket screen. Press “In use” to pause a service (numbers already waiting are still called). “Print test ticket” prints a sample to check the printer, without taking a real number.</translation>
    </message>
    <message>
        <source>Đang dùng</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>Tạm ngừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Bấm để tạm ngừng dịch vụ này.</source>
        <translation>Press to pause this service.</translation>
    </message>
    <message>
        <source>Bấm để dùng lại dịch vụ này.</source>
        <translation>Press to use this service again.</translation>
    </message>
    <message>
        <source>In phiếu thử</source>
        <translation>Print test ticket</translation>
    </message>
    <message>
        <source>In một phiếu mẫu, không lấy số thật.</source>
        <translation>Print a sample ticket without taking a real number.</translation>
    </message>
    <message>
        <source>In phiếu thử: {name}</source>
        <translation>Print test ticket: {name}</translation>
    </message>
    <message>
        <source>Đã dùng lại dịch vụ “{name}”.</source>
        <translation>Service “{name}” is in use again.</translation>
    </message>
    <message>
        <source>Đã tạm ngừng dịch vụ “{name}”. Màn hình lấy số không còn hiện dịch vụ này.</source>
        <translation>Service “{name}” is paused. The ticket screen no longer shows it.</translation>
    </message>
    <message>
        <source>Đang in phiếu thử…</source>
        <translation>Printing the test ticket…</translation>
    </message>
    <message>
        <source>Đã gửi phiếu thử đến máy in. Hãy xem phiếu in ra có rõ chữ và mã QR không.</source>
        <translation>The test ticket was sent to the printer. Check that the text and QR code print clearly.</translation>
    </message>
    <message>
        <source>Không in được phiếu thử: {reason} Hãy kiểm tra máy in đã bật, có giấy và đã cắm dây.</source>
        <translation>Could not print the test ticket: {reason} Check that the printer is on, has paper and is plugged in.</translation>
    </message>
</context>
<context>
    <name>QuickLogScreen</name>
    <message>
        <source>(Không ghi xã/phường)</source>
        <extracomment>The form&apos;s sheets: what the commune reports count first, then the rest.</extracomment>
        <translation>(No commune)</translation>
    </message>
    <message>
        <source>(Không ghi thôn/tổ)</source>
        <translation>(No village)</translation>
    </message>
    <message>
        <source>Lý do sửa</source>
        <translation>Reason for the edit</translation>
    </message>
    <message>
        <source>Bản ghi này cần ghi lý do khi sửa. Vì sao cần sửa?</source>
        <translation>This record needs a reason to be edited. Why does it need changing?</translation>
    </message>
    <message>
        <source>Lưu thay đổi</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Đã lưu thay đổi của bản ghi.</source>
        <translation>The changes to the record are saved.</translation>
    </message>
    <message>
        <source>Đã lưu lượt hỗ trợ. Cảm ơn bạn!</source>
        <translation>The help is saved. Thank you!</translation>
    </message>
    <message>
        <source>Người dân đã đồng ý. Hãy ghi thông tin.</source>
        <translation>The citizen agreed. Please fill in the details.</translation>
    </message>
    <message>
        <source>Không lưu thông tin này. Bản ghi vẫn ẩn danh.</source>
        <translation>This is not kept. The record stays anonymous.</translation>
    </message>
    <message>
        <source>Bản ghi hôm nay ({n}). Chọn một bản ghi để sửa.</source>
        <translation>Today&apos;s records ({n}). Choose one to edit.</translation>
    </message>
    <message>
        <source>Hôm nay chưa có bản ghi nào.</source>
        <translation>No records yet today.</translation>
    </message>
    <message>
        <source>có thông tin liên hệ</source>
        <translation>has contact details</translation>
    </message>
    <message>
        <source>Hãy chọn một bản ghi trong danh sách.</source>
        <translation>Choose a record in the list.</translation>
    </message>
    <message>
        <source>Đang in phiếu “Hôm nay đã làm”…</source>
        <translation>Printing the “Done today” slip…</translation>
    </message>
    <message>
        <source>Bản ghi này cần cán bộ xã/phường sửa và ghi lý do.</source>
        <translation>Commune staff must edit this record and give a reason.</translation>
    </message>
    <message>
        <source>Đã xóa bản ghi.</source>
        <translation>The record is deleted.</translation>
    </message>
    <message>
        <source>Xóa bản ghi</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <source>Xóa bản ghi lúc {time}? Bản ghi sẽ không còn trong báo cáo. Hãy ghi lý do.</source>
        <translation>Delete the record of {time}? It will no longer count in reports. Write a reason.</translation>
    </message>
    <message>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Làm được một phần</source>
        <translation>Partly done</translation>
    </message>
    <message>
        <source>Chuyển nơi khác</source>
        <translation>Referred elsewhere</translation>
    </message>
    <message>
        <source>Cần đến thăm lại</source>
        <translation>Needs a follow-up visit</translation>
    </message>
    <message>
        <source>Dưới 18</source>
        <translation>Under 18</translation>
    </message>
    <message>
        <source>18–39</source>
        <translation>18–39</translation>
    </message>
    <message>
        <source>40–59</source>
        <translation>40–59</translation>
    </message>
    <message>
        <source>60–74</source>
        <translation>60–74</translation>
    </message>
    <message>
        <source>Từ 75</source>
        <translation>75+</translation>
    </message>
    <message>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Khác</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Tại điểm hỗ trợ</source>
        <translation>At the help point</translation>
    </message>
    <message>
        <source>Đến nhà</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <source>Qua điện thoại</source>
        <translation>By phone</translation>
    </message>
    <message>
        <source>Sửa bản ghi lúc {time}</source>
        <translation>Edit the record of {time}</translation>
    </message>
    <message>
        <source>Ghi nhận hỗ trợ</source>
        <translation>Log help given</translation>
    </message>
    <message>
        <source>Sửa rồi bấm “Lưu thay đổi”.</source>
        <translation>Make the changes, then press “Save changes”.</translation>
    </message>
    <message>
        <source>Số {label}. Chọn nhóm tuổi, giới tính rồi bấm “Lưu”.</source>
        <translation>Number {label}. Choose the age group and gender, then press “Save”.</translation>
    </message>
    <message>
        <source>Chọn dịch vụ, nhóm tuổi, giới tính rồi bấm “Lưu”.</source>
        <translation>Choose the service, age group and gender, then press “Save”.</translation>
    </message>
    <message>
        <source>Chi tiết (không bắt buộc). Xong thì bấm “Lưu”.</source>
        <translation>Details (optional). When done, press “Save”.</translation>
    </message>
    <message>
        <source>Ghi chú, liên hệ (không bắt buộc). Xong thì bấm “Lưu”.</source>
        <translation>Note and contact (optional). When done, press “Save”.</translation>
    </message>
    <message>
        <source>Dịch vụ</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Nhóm tuổi</source>
        <translation>Age group</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Hình thức</source>
        <translation>How</translation>
    </message>
    <message>
        <source>Lần đầu đến?</source>
        <translation>First visit?</translation>
    </message>
    <message>
        <source>Nơi ở</source>
        <translation>Lives in</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Dân tộc</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <source>Liên hệ lại</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Có, lần đầu</source>
        <translation>Yes, first time</translation>
    </message>
    <message>
        <source>Không, đã đến trước</source>
        <translation>No, came before</translation>
    </message>
    <message>
        <source>Mức hài lòng</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Xã/phường</source>
        <translation>Commune/ward</translation>
    </message>
    <message>
        <source>Thôn/tổ dân phố</source>
        <translation>Villages/residential groups</translation>
    </message>
    <message>
        <source>Ghi chú ngắn</source>
        <translation>Short note</translation>
    </message>
    <message>
        <source>Ghi chú ngắn. Không ghi số giấy tờ, số điện thoại, mật khẩu hay mã OTP.</source>
        <translation>Short note. No ID numbers, phone numbers, passwords or OTP codes.</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Lưu lượt hỗ trợ này.</source>
        <translation>Save this help.</translation>
    </message>
    <message>
        <source>Lưu và in phiếu</source>
        <translation>Save and print slip</translation>
    </message>
    <message>
        <source>Lưu, rồi in phiếu “Hôm nay đã làm” cho người dân mang về.</source>
        <translation>Save, then print the “Done today” slip for the citizen to take home.</translation>
    </message>
    <message>
        <source>In phiếu mang về</source>
        <translation>Print take-home slip</translation>
    </message>
    <message>
        <source>In phiếu “Hôm nay đã làm” của bản ghi đã chọn.</source>
        <translation>Print the “Done today” slip of the chosen record.</translation>
    </message>
    <message>
        <source>Bản ghi hôm nay</source>
        <translation>Today&apos;s records</translation>
    </message>
    <message>
        <source>Xem và sửa các bản ghi hôm nay.</source>
        <translation>See and edit today&apos;s records.</translation>
    </message>
    <message>
        <source>Hủy sửa</source>
        <translation>Cancel edit</translation>
    </message>
    <message>
        <source>Không lưu thay đổi.</source>
        <translation>Do not save the changes.</translation>
    </message>
    <message>
        <source>Ghi lượt mới</source>
        <translation>Log a new help</translation>
    </message>
    <message>
        <source>Về biểu mẫu ghi mới.</source>
        <translation>Back to a new form.</translation>
    </message>
    <message>
        <source>Sửa bản ghi này</source>
        <translation>Edit this record</translation>
    </message>
    <message>
        <source>Mở bản ghi đã chọn để sửa.</source>
        <translation>Open the chosen record to edit it.</translation>
    </message>
    <message>
        <source>Xóa bản ghi này</source>
        <translation>Delete this record</translation>
    </message>
    <message>
        <source>Cán bộ xóa bản ghi, cần ghi lý do.</source>
        <translation>Staff delete the record; a reason is needed.</translation>
    </message>
    <message>
        <source>Các bản ghi hôm nay</source>
        <translation>Today&apos;s records</translation>
    </message>
    <message>
        <source>Cơ bản</source>
        <translation>Basics</translation>
    </message>
    <message>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Ghi chú, liên hệ</source>
        <translation>Note, contact</translation>
    </message>
    <message>
        <source>Sang trang {name} của biểu mẫu.</source>
        <translation>Go to the form&apos;s {name} page.</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <source>Lượt người dân được hỗ trợ</source>
        <translation>Citizens helped</translation>
    </message>
    <message>
        <source>Số thứ tự đã phát</source>
        <translation>Queue numbers issued</translation>
    </message>
    <message>
        <source>Số ưu tiên đã phát</source>
        <translation>Priority numbers issued</translation>
    </message>
    <message>
        <source>Thời gian chờ (trung vị)</source>
        <translation>Waiting time (median)</translation>
    </message>
    <message>
        <source>9/10 người chờ không quá</source>
        <translation>9 in 10 people waited at most</translation>
    </message>
    <message>
        <source>Vắng mặt khi gọi số</source>
        <translation>Absent when called</translation>
    </message>
    <message>
        <source>Lượt mở bài hướng dẫn</source>
        <translation>Tutorials opened</translation>
    </message>
    <message>
        <source>Lượt học hết bài</source>
        <translation>Tutorials finished</translation>
    </message>
    <message>
        <source>Lượt tập thử</source>
        <translation>Practices started</translation>
    </message>
    <message>
        <source>Tờ hướng dẫn đã in</source>
        <translation>How-to sheets printed</translation>
    </message>
    <message>
        <source>Mức hài lòng trung bình</source>
        <translation>Average satisfaction</translation>
    </message>
    <message>
        <source>Đến nhà hỗ trợ đã xong</source>
        <translation>Home visits done</translation>
    </message>
    <message>
        <source>Số lượt hỗ trợ theo ngày</source>
        <translation>Citizens helped per day</translation>
    </message>
    <message>
        <source>Theo dịch vụ</source>
        <translation>By service</translation>
    </message>
    <message>
        <source>Theo kết quả</source>
        <translation>By outcome</translation>
    </message>
    <message>
        <source>Theo hình thức (tại điểm hỗ trợ / đến tận nhà)</source>
        <translation>By channel (help point / home visit)</translation>
    </message>
    <message>
        <source>Theo thôn/tổ dân phố</source>
        <translation>By village</translation>
    </message>
    <message>
        <source>Theo độ tuổi và giới tính</source>
        <translation>By age and gender</translation>
    </message>
    <message>
        <source>Theo thành viên tổ</source>
        <translation>By team member</translation>
    </message>
    <message>
        <source>Người dân đánh giá</source>
        <translation>Citizens&apos; ratings</translation>
    </message>
    <message>
        <source>Tờ hướng dẫn đã in, theo bài</source>
        <translation>Sheets printed, by tutorial</translation>
    </message>
    <message>
        <source>Kiểm tra tin nhắn lạ, theo loại (chỉ đếm số lượt)</source>
        <translation>Strange-message checks, by kind (counts only)</translation>
    </message>
    <message>
        <source>Bài hướng dẫn trên kiosk</source>
        <translation>Tutorials on the kiosk</translation>
    </message>
    <message>
        <source>Bài</source>
        <translation>Tutorial</translation>
    </message>
    <message>
        <source>Lượt mở</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>Học hết</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Tỉ lệ</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Hay dừng ở</source>
        <translation>Most stop at</translation>
    </message>
    <message>
        <source>Chưa có dữ liệu cho kỳ này. Hãy chọn kỳ khác, hoặc ghi lại các lượt hỗ trợ trên kiosk.</source>
        <translation>No data for this period yet. Choose another period, or record the help given on the kiosk.</translation>
    </message>
    <message>
        <source>Chưa có dữ liệu</source>
        <translation>No data yet</translation>
    </message>
    <message>
        <source>Tập thử trên điện thoại tập</source>
        <translation>Practice on the pretend phone</translation>
    </message>
    <message>
        <source>Bài tập</source>
        <translation>Practice</translation>
    </message>
    <message>
        <source>Bắt đầu</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Tập xong</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Màn hay bấm sai nhất</source>
        <translation>Screen most often wrong</translation>
    </message>
    <message>
        <source>{n} phút</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>chưa có số liệu</source>
        <translation>no figures yet</translation>
    </message>
    <message>
        <source>trong đó {n} bản ghi mẫu</source>
        <translation>of which {n} demo records</translation>
    </message>
    <message>
        <source>đã phục vụ xong {n}</source>
        <translation>{n} served</translation>
    </message>
    <message>
        <source>{p} số đã phát</source>
        <translation>{p} of numbers issued</translation>
    </message>
    <message>
        <source>tỉ lệ học hết {p}</source>
        <translation>{p} finished</translation>
    </message>
    <message>
        <source>tập xong {n}</source>
        <translation>{n} finished</translation>
    </message>
    <message>
        <source>{n} người trả lời</source>
        <translation>{n} answers</translation>
    </message>
    <message>
        <source>{n} yêu cầu mới · {w} còn chờ</source>
        <translation>{n} new requests · {w} waiting</translation>
    </message>
    <message>
        <source>Số lượt hỗ trợ theo tháng</source>
        <translation>Citizens helped per month</translation>
    </message>
    <message>
        <source>Các thôn/tổ khác ({n})</source>
        <translation>Other villages ({n})</translation>
    </message>
    <message>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Bình thường</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Mức 2</source>
        <translation>Level 2</translation>
    </message>
    <message>
        <source>Chưa hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <source>bước {n}</source>
        <translation>step {n}</translation>
    </message>
    <message>
        <source>màn {n} ({times} lần)</source>
        <translation>screen {n} ({times} times)</translation>
    </message>
</context>
<context>
    <name>ResumeCodeScreen</name>
    <message>
        <source>Mã để học tiếp lần sau</source>
        <translation>Your code to continue next time</translation>
    </message>
    <message>
        <source>Nghe lại mã</source>
        <translation>Hear the code again</translation>
    </message>
    <message>
        <source>Đọc to mã, từng số một.</source>
        <translation>Read the code aloud, one digit at a time.</translation>
    </message>
    <message>
        <source>In mã</source>
        <translation>Print the code</translation>
    </message>
    <message>
        <source>In mã ra một mảnh giấy nhỏ.</source>
        <translation>Print the code on a small slip.</translation>
    </message>
    <message>
        <source>Học tiếp bây giờ</source>
        <translation>Continue now</translation>
    </message>
    <message>
        <source>Quay lại đúng bước bạn vừa dừng.</source>
        <translation>Go back to the step where you just stopped.</translation>
    </message>
    <message>
        <source>Lúc này máy chưa tạo được mã. Lần sau bạn chọn lại bài trong “Học từng bước”, hoặc nhờ tình nguyện viên.</source>
        <translation>The kiosk could not make a code just now. Next time, choose the guide again in “Learn step by step”, or ask a volunteer.</translation>
    </message>
    <message>
        <source>Đang tạo mã…</source>
        <translation>Making your code…</translation>
    </message>
    <message>
        <source>Mã {code}</source>
        <translation>Code {code}</translation>
    </message>
    <message>
        <source>“{title}”: bạn dừng ở bước {n}/{total}.</source>
        <translation>“{title}”: you stopped at step {n}/{total}.</translation>
    </message>
    <message>
        <source>Lần sau, ở điểm hỗ trợ này: chạm “Học từng bước”, rồi “Tiếp tục bài đang học” và nhập 4 số này.</source>
        <translation>Next time, at this help point: touch “Learn step by step”, then “Continue where I stopped”, and type these 4 digits.</translation>
    </message>
    <message>
        <source>Mã dùng được đến hết ngày {date}. Mã không chứa thông tin cá nhân của bạn.</source>
        <translation>The code works until the end of {date}. It holds nothing about you.</translation>
    </message>
    <message>
        <source>Mã để học tiếp của bạn là: {digits}. Nhắc lại: {digits}.</source>
        <translation>Your code to continue is: {digits}. Once more: {digits}.</translation>
    </message>
    <message>
        <source>Đang in mã…</source>
        <translation>Printing the code…</translation>
    </message>
    <message>
        <source>Đã in mã. Bạn nhớ cầm mảnh giấy theo nhé.</source>
        <translation>The code is printed. Please take the slip with you.</translation>
    </message>
</context>
<context>
    <name>ResumeCodes</name>
    <message>
        <source>Máy in đang gặp sự cố. Bạn hãy chép lại 4 số của mã, hoặc nhờ tình nguyện viên ghi giúp.</source>
        <extracomment>The code a player was just opened with, by kind (None: opened without a code), so a player that does not take ``resume_code`` (the practice) still renews its code.</extracomment>
        <translation>The printer has a problem. Please write down the 4 digits of the code, or ask a volunteer to write them for you.</translation>
    </message>
    <message>
        <source>Hôm nay máy đã in hết số giấy cho phép. Bạn hãy chép lại 4 số của mã, hoặc nhờ tình nguyện viên ghi giúp.</source>
        <translation>Today&apos;s printing allowance is used up. Please write down the 4 digits of the code, or ask a volunteer to write them for you.</translation>
    </message>
    <message>
        <source>Tập thử: {title}</source>
        <translation>Practise: {title}</translation>
    </message>
</context>
<context>
    <name>ResumeEntryScreen</name>
    <message>
        <source>Tiếp tục bài đang học: nhập mã 4 số</source>
        <translation>Continue where I stopped: type the 4-digit code</translation>
    </message>
    <message>
        <source>Xóa số cuối</source>
        <translation>Delete last digit</translation>
    </message>
    <message>
        <source>Xóa số vừa nhập.</source>
        <translation>Delete the digit you just typed.</translation>
    </message>
    <message>
        <source>Học tiếp</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Mở đúng bước bạn đã dừng.</source>
        <translation>Open the step where you stopped.</translation>
    </message>
    <message>
        <source>Học lại từ đầu</source>
        <translation>Start again</translation>
    </message>
    <message>
        <source>Mở bài này từ bước đầu tiên.</source>
        <translation>Open this guide at its first step.</translation>
    </message>
    <message>
        <source>Mã đã nhập: {code}</source>
        <translation>Code typed: {code}</translation>
    </message>
    <message>
        <source>Đang tìm bài của mã này…</source>
        <translation>Looking for the guide of this code…</translation>
    </message>
    <message>
        <source>Mã gồm 4 số, in trên mảnh giấy hoặc phiếu bạn nhận lần trước. Chỉ dùng được ở điểm hỗ trợ này.</source>
        <translation>The code has 4 digits, printed on the slip or ticket you got last time. It works only at this help point.</translation>
    </message>
    <message>
        <source>Tiếp tục bài đang học. Hãy nhập 4 số của mã, rồi chạm “Học tiếp”.</source>
        <translation>Continue where you stopped. Type the 4 digits of your code, then touch “Continue”.</translation>
    </message>
</context>
<context>
    <name>SatisfactionFaces</name>
    <message>
        <source>Rất hài lòng</source>
        <extracomment>(score on the 1–5 scale, words under the face). &quot;Chưa hài lòng&quot; is the bottom of the scale (1), not 2: a report average must not make unhappy citizens look half-happy.</extracomment>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Bình thường</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Chưa hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <source>Bạn có hài lòng với sự hỗ trợ hôm nay không? Chạm vào một khuôn mặt.</source>
        <translation>Were you happy with the help today? Touch a face.</translation>
    </message>
    <message>
        <source>Chọn mức hài lòng này.</source>
        <translation>Choose this level.</translation>
    </message>
    <message>
        <source>Bỏ qua</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Không đánh giá lần này.</source>
        <translation>Do not rate this time.</translation>
    </message>
</context>
<context>
    <name>ScamCheckScreen</name>
    <message>
        <source>Kiểm tra tin nhắn lạ</source>
        <translation>Check a strange message</translation>
    </message>
    <message>
        <source>Chọn điều đã xảy ra. Không cần gõ tin nhắn.</source>
        <translation>Choose what happened. No need to type the message.</translation>
    </message>
    <message>
        <source>Kiểm tra tin nhắn lạ. Hãy chọn điều đã xảy ra với bạn.</source>
        <translation>Check a strange message. Choose what happened to you.</translation>
    </message>
</context>
<context>
    <name>ScamVerdictScreen</name>
    <message>
        <source>Nghe lại</source>
        <translation>Listen again</translation>
    </message>
    <message>
        <source>Đọc to lời khuyên này.</source>
        <translation>Read this advice aloud.</translation>
    </message>
    <message>
        <source>Xem hướng dẫn</source>
        <translation>Open the guide</translation>
    </message>
    <message>
        <source>Học từng bước cách phòng tránh.</source>
        <translation>Learn step by step how to stay safe.</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <source>Tên điểm hỗ trợ</source>
        <translation>Help point name</translation>
    </message>
    <message>
        <source>Xã/phường/đặc khu</source>
        <translation>Commune/ward/special zone</translation>
    </message>
    <message>
        <source>Mã xã/phường (5 chữ số)</source>
        <translation>Commune code (5 digits)</translation>
    </message>
    <message>
        <source>Tên tổ CNSCĐ</source>
        <translation>Team name</translation>
    </message>
    <message>
        <source>Thôn/tổ dân phố</source>
        <translation>Village/residential group</translation>
    </message>
    <message>
        <source>Liên hệ in trên tờ hướng dẫn</source>
        <translation>Contact printed on the guide sheets</translation>
    </message>
    <message>
        <source>Số bàn hỗ trợ</source>
        <translation>Number of help desks</translation>
    </message>
    <message>
        <source>Chờ về màn hình chính (giây)</source>
        <translation>Wait before going home (seconds)</translation>
    </message>
    <message>
        <source>Tốc độ đọc</source>
        <translation>Reading speed</translation>
    </message>
    <message>
        <source>Số tờ in mỗi ngày</source>
        <translation>Sheets printed per day</translation>
    </message>
    <message>
        <source>Giữ thông tin liên hệ (ngày)</source>
        <translation>Keep contact details (days)</translation>
    </message>
    <message>
        <source>Âm thanh ghi sẵn (đọc to)</source>
        <translation>Recorded phrases (read aloud)</translation>
    </message>
    <message>
        <source>Lưu cài đặt</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>Không (chỉ giọng đọc)</source>
        <translation>None (the voice only)</translation>
    </message>
    <message>
        <source>{name} ({code}): ghi âm trước giọng đọc</source>
        <translation>{name} ({code}): recordings before the voice</translation>
    </message>
    <message>
        <source>{name} ({code}) còn BẢN TẠM, chưa phải lời {name}.</source>
        <translation>{name} ({code}) is still PLACEHOLDERS, not {name} words.</translation>
    </message>
    <message>
        <source>Đã lưu. Một số thay đổi có hiệu lực khi mở lại kiosk.</source>
        <translation>Saved. Some changes take effect when the kiosk is opened again.</translation>
    </message>
</context>
<context>
    <name>SetupScreen</name>
    <message>
        <source>Cài đặt lần đầu</source>
        <translation>First-time setup</translation>
    </message>
    <message>
        <source>Chào mừng! Hãy nhập tên điểm hỗ trợ, xã/phường và mã PIN của cán bộ quản lý đầu tiên.</source>
        <translation>Welcome! Enter the help point&apos;s name, its commune or ward, and the PIN of the first staff manager.</translation>
    </message>
    <message>
        <source>Tên điểm hỗ trợ</source>
        <translation>Help point name</translation>
    </message>
    <message>
        <source>Xã/phường/đặc khu</source>
        <translation>Commune/ward/special zone</translation>
    </message>
    <message>
        <source>Thôn/tổ dân phố</source>
        <translation>Village/street group</translation>
    </message>
    <message>
        <source>Tên cán bộ quản lý</source>
        <translation>Staff manager&apos;s name</translation>
    </message>
    <message>
        <source>Mã PIN (4–8 số)</source>
        <translation>PIN (4–8 digits)</translation>
    </message>
    <message>
        <source>Nhập lại mã PIN</source>
        <translation>PIN again</translation>
    </message>
    <message>
        <source>Bắt đầu dùng kiosk</source>
        <translation>Start using the kiosk</translation>
    </message>
    <message>
        <source>Hãy nhập tên điểm hỗ trợ và xã/phường.</source>
        <translation>Enter the help point&apos;s name and its commune or ward.</translation>
    </message>
    <message>
        <source>Hai mã PIN không giống nhau. Hãy nhập lại.</source>
        <translation>The two PINs are not the same. Type them again.</translation>
    </message>
</context>
<context>
    <name>SheetPreviewScreen</name>
    <message>
        <source>In tờ hướng dẫn: {title}</source>
        <translation>Print how-to sheet: {title}</translation>
    </message>
    <message>
        <source>Chọn cách in (không bắt buộc):</source>
        <translation>Printing options (optional):</translation>
    </message>
    <message>
        <source>Chữ to</source>
        <translation>Large print</translation>
    </message>
    <message>
        <source>In chữ to hơn, dễ đọc hơn.</source>
        <translation>Print larger text that is easier to read.</translation>
    </message>
    <message>
        <source>Khổ A5</source>
        <translation>A5 size</translation>
    </message>
    <message>
        <source>In khổ giấy nhỏ, bằng nửa tờ A4.</source>
        <translation>Print on small paper, half an A4 sheet.</translation>
    </message>
    <message>
        <source>Hoặc lưu lại để in ở nơi khác:</source>
        <translation>Or save it to print somewhere else:</translation>
    </message>
    <message>
        <source>Cho phép in thêm</source>
        <translation>Allow more prints</translation>
    </message>
    <message>
        <source>Cán bộ cho phép in thêm trong hôm nay.</source>
        <translation>Staff allow more prints today.</translation>
    </message>
    <message>
        <source>Trang {n} của tờ hướng dẫn</source>
        <translation>Page {n} of the how-to sheet</translation>
    </message>
    <message>
        <source>Xem trước tờ hướng dẫn {title}. Nếu muốn, chọn Chữ to hoặc Khổ A5, rồi bấm In.</source>
        <translation>Preview of the how-to sheet {title}. If you like, choose Large print or A5 size, then press Print.</translation>
    </message>
    <message>
        <source>Chưa chuẩn bị được tờ hướng dẫn. Vui lòng hỏi tình nguyện viên.</source>
        <translation>The how-to sheet could not be prepared. Please ask a volunteer.</translation>
    </message>
    <message>
        <source>Đang chuẩn bị tờ hướng dẫn…</source>
        <translation>Preparing the how-to sheet…</translation>
    </message>
    <message>
        <source>Chưa xem trước được tờ hướng dẫn.</source>
        <translation>The how-to sheet cannot be previewed.</translation>
    </message>
    <message>
        <source>{n} trang, khổ {size}.</source>
        <translation>{n} pages, {size} size.</translation>
    </message>
    <message>
        <source>Hôm nay còn in được {n} tờ.</source>
        <translation>{n} more sheets can be printed today.</translation>
    </message>
    <message>
        <source>Đang in… Vui lòng chờ.</source>
        <translation>Printing… Please wait.</translation>
    </message>
    <message>
        <source>Hôm nay đã in hết số tờ cho phép. Vui lòng hỏi tình nguyện viên.</source>
        <translation>Today&apos;s printing allowance is used up. Please ask a volunteer.</translation>
    </message>
    <message>
        <source>Đã in xong. Mời bạn lấy tờ hướng dẫn ở máy in.</source>
        <translation>Printed. Please collect your how-to sheet from the printer.</translation>
    </message>
    <message>
        <source>Chưa in được: máy in đang gặp sự cố.</source>
        <translation>Could not print: the printer has a problem.</translation>
    </message>
    <message>
        <source>Đã cho phép in thêm {n} tờ trong hôm nay. Bấm “In” để in.</source>
        <translation>{n} more sheets allowed today. Press “Print” to print.</translation>
    </message>
    <message>
        <source>Lưu tệp PDF vào {folder}.</source>
        <translation>Save the PDF file to {folder}.</translation>
    </message>
    <message>
        <source>In lại</source>
        <translation>Print again</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>In tờ hướng dẫn để mang về nhà.</source>
        <translation>Print the how-to sheet to take home.</translation>
    </message>
    <message>
        <source>Lưu vào USB “{name}”</source>
        <translation>Save to USB “{name}”</translation>
    </message>
    <message>
        <source>Lưu vào thư mục “{name}”</source>
        <translation>Save to folder “{name}”</translation>
    </message>
    <message>
        <source>Đã lưu tờ hướng dẫn vào: {path}</source>
        <translation>How-to sheet saved to: {path}</translation>
    </message>
    <message>
        <source>Chưa lưu được tệp. Hãy thử USB khác hoặc hỏi tình nguyện viên.</source>
        <translation>The file could not be saved. Try another USB drive or ask a volunteer.</translation>
    </message>
</context>
<context>
    <name>StaffPlacesTab</name>
    <message>
        <source>Thôn/tổ dân phố</source>
        <translation>Villages/residential groups</translation>
    </message>
    <message>
        <source>{unit} (trước đây: {names})</source>
        <translation>{unit} (formerly: {names})</translation>
    </message>
    <message>
        <source>Chưa có danh sách xã/phường/đặc khu trên máy này: tệp {file} có lỗi. Hãy chạy lệnh “help-kiosk places check” để xem lỗi, sửa tệp rồi mở lại kiosk.</source>
        <translation>There is no commune list on this machine yet: the file {file} has errors. Run “help-kiosk places check” to see them, fix the file and restart the kiosk.</translation>
    </message>
    <message>
        <source>Phần Cài đặt chưa ghi xã/phường của điểm hỗ trợ; hãy ghi ở thẻ “Cài đặt”, ví dụ “Hải Vân”.</source>
        <translation>The settings do not name the help point&apos;s commune yet; enter it in the “Settings” tab, e.g. “Hải Vân”.</translation>
    </message>
    <message>
        <source>Cài đặt ghi xã/phường “{name}”, không có trong danh sách. Hãy sửa ở thẻ “Cài đặt”, ví dụ ghi “Hải Vân”.</source>
        <translation>The settings name the commune “{name}”, which is not in the list. Correct it in the “Settings” tab, e.g. “Hải Vân”.</translation>
    </message>
    <message>
        <source>Điểm hỗ trợ thuộc &lt;b&gt;{unit}&lt;/b&gt;</source>
        <translation>This help point is in &lt;b&gt;{unit}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(cài đặt ghi “{name}”, tên trước 1/7/2025)</source>
        <translation>(settings say “{name}”, a name from before 1/7/2025)</translation>
    </message>
    <message>
        <source>Trước 1/7/2025 gồm: {names}.</source>
        <translation>Before 1/7/2025 it was: {names}.</translation>
    </message>
    <message>
        <source>từ {day}</source>
        <translation>from {day}</translation>
    </message>
    <message>
        <source>thôn</source>
        <translation>village</translation>
    </message>
    <message>
        <source>tổ dân phố</source>
        <translation>residential group</translation>
    </message>
    <message>
        <source>Chạm vào một dòng trong danh sách để đổi tên hoặc ngừng dùng.</source>
        <translation>Tap a row in the list to rename it or stop using it.</translation>
    </message>
    <message>
        <source>Đã chọn: {label}</source>
        <translation>Selected: {label}</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Hãy chọn xã/phường/đặc khu trước.</source>
        <translation>Choose a commune/ward/special zone first.</translation>
    </message>
    <message>
        <source>Đã thêm {village} vào {commune}, dùng từ ngày {day}.</source>
        <translation>Added {village} to {commune}, in use from {day}.</translation>
    </message>
    <message>
        <source>Đến ngày đó mới có trong danh sách để chọn.</source>
        <translation>It will appear in the list from that day.</translation>
    </message>
    <message>
        <source>Hãy chạm chọn một thôn/tổ dân phố trong danh sách trước.</source>
        <translation>First tap a village/residential group in the list.</translation>
    </message>
    <message>
        <source>Từ ngày {day}, {old} có tên mới là “{new}”. Tên cũ “{name}” vẫn được giữ: bản ghi và báo cáo trước ngày đó vẫn dùng tên cũ.</source>
        <translation>From {day}, {old} is named “{new}”. The old name “{name}” is kept: records and reports before that day still use it.</translation>
    </message>
    <message>
        <source>{label} dùng đến hết ngày {last}; từ ngày {next} không còn trong danh sách để chọn. Bản ghi cũ vẫn giữ tên này.</source>
        <translation>{label} is in use until the end of {last}; from {next} it is no longer offered in the list. Earlier records keep this name.</translation>
    </message>
    <message>
        <source>Ngừng dùng {label} sau ngày {last}? Từ ngày {next}, tên này không còn trong danh sách để chọn; bản ghi cũ vẫn giữ tên này.</source>
        <translation>Stop using {label} after {last}? From {next} it is no longer offered in the list; earlier records keep this name.</translation>
    </message>
    <message>
        <source>Ngừng dùng thôn/tổ dân phố</source>
        <translation>Stop using a village/residential group</translation>
    </message>
    <message>
        <source>Ngừng dùng</source>
        <translation>Stop using</translation>
    </message>
    <message>
        <source>Xem đơn vị:</source>
        <translation>View unit:</translation>
    </message>
    <message>
        <source>Chọn xã/phường/đặc khu để xem</source>
        <translation>Choose a commune/ward/special zone to view</translation>
    </message>
    <message>
        <source>Gõ tên xã/phường/đặc khu để tìm</source>
        <translation>Type a commune/ward/special zone name to search</translation>
    </message>
    <message>
        <source>Các xã/phường/đặc khu tìm được</source>
        <translation>Matching communes/wards/special zones</translation>
    </message>
    <message>
        <source>Gõ vài chữ, ví dụ: hai van</source>
        <translation>Type a few letters, e.g. hai van</translation>
    </message>
    <message>
        <source>Gõ vài chữ, có dấu hay không dấu đều được: gõ “hai” sẽ thấy Hải Vân.</source>
        <translation>Type a few letters, with or without accents: “hai” finds Hải Vân.</translation>
    </message>
    <message>
        <source>Thôn/tổ dân phố của {unit} đang dùng hôm nay ({day})</source>
        <translation>Villages/residential groups of {unit} in use today ({day})</translation>
    </message>
    <message>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Tên cũ</source>
        <translation>Former names</translation>
    </message>
    <message>
        <source>Thời gian dùng</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>Danh sách thôn/tổ dân phố đang dùng</source>
        <translation>Villages/residential groups in use</translation>
    </message>
    <message>
        <source>Chưa có thôn/tổ dân phố nào. Hãy thêm ở phía dưới.</source>
        <translation>No villages/residential groups yet. Add one below.</translation>
    </message>
    <message>
        <source>Hãy chọn một xã/phường/đặc khu ở ô “Xem đơn vị” phía trên.</source>
        <translation>Choose a commune/ward/special zone in the “View unit” box above.</translation>
    </message>
    <message>
        <source>Thêm thôn/tổ dân phố</source>
        <translation>Add a village/residential group</translation>
    </message>
    <message>
        <source>Tên thôn/tổ dân phố mới</source>
        <translation>Name of the new village/residential group</translation>
    </message>
    <message>
        <source>Ví dụ: Nam Mỹ</source>
        <translation>For example: Nam Mỹ</translation>
    </message>
    <message>
        <source>Loại: thôn hay tổ dân phố</source>
        <translation>Kind: village or residential group</translation>
    </message>
    <message>
        <source>Tên cũ, nếu có</source>
        <translation>Former names, if any</translation>
    </message>
    <message>
        <source>Tên cũ của thôn/tổ dân phố mới</source>
        <translation>Former names of the new village/residential group</translation>
    </message>
    <message>
        <source>Cách nhau bằng dấu phẩy</source>
        <translation>Separated by commas</translation>
    </message>
    <message>
        <source>Dùng từ ngày</source>
        <translation>In use from</translation>
    </message>
    <message>
        <source>Thôn/tổ dân phố mới dùng từ ngày</source>
        <translation>New village/residential group in use from</translation>
    </message>
    <message>
        <source>Thêm vào danh sách</source>
        <translation>Add to the list</translation>
    </message>
    <message>
        <source>Thêm thôn/tổ dân phố này vào danh sách của địa bàn.</source>
        <translation>Adds this village/residential group to the area&apos;s list.</translation>
    </message>
    <message>
        <source>Tên mới</source>
        <translation>New name</translation>
    </message>
    <message>
        <source>Tên mới của thôn/tổ dân phố đã chọn</source>
        <translation>New name of the selected village/residential group</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Dùng tên mới từ ngày</source>
        <translation>Use the new name from</translation>
    </message>
    <message>
        <source>Đổi tên</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>Đổi tên thôn/tổ dân phố đã chọn; tên cũ vẫn được giữ.</source>
        <translation>Renames the selected village/residential group; the old name is kept.</translation>
    </message>
    <message>
        <source>Ngày cuối còn dùng</source>
        <translation>Last day in use</translation>
    </message>
    <message>
        <source>Ngày cuối còn dùng thôn/tổ dân phố đã chọn</source>
        <translation>Last day the selected village/residential group is in use</translation>
    </message>
    <message>
        <source>Thôi đưa thôn/tổ dân phố đã chọn vào danh sách sau ngày cuối.</source>
        <translation>Removes the selected village/residential group from the list after its last day.</translation>
    </message>
    <message>
        <source>Danh sách {n} xã/phường/đặc khu của thành phố Đà Nẵng (từ 1/7/2025, không còn cấp quận/huyện) là dữ liệu chính thức trong tệp resources/lists/{file}.</source>
        <translation>The list of Da Nang&apos;s {n} communes/wards/special zones (from 1/7/2025; there are no districts any more) is official data in the file resources/lists/{file}.</translation>
    </message>
    <message>
        <source>Chỉ sửa tệp đó bằng trình soạn thảo văn bản, rồi kiểm tra bằng lệnh “help-kiosk places check”.</source>
        <translation>Edit that file only with a text editor, then check it with “help-kiosk places check”.</translation>
    </message>
    <message>
        <source>Danh sách thôn/tổ dân phố là của riêng điểm hỗ trợ: sửa ngay tại đây. Mọi thay đổi được ghi vào nhật ký.</source>
        <translation>The village/residential group list belongs to this help point: edit it here. Every change is logged.</translation>
    </message>
</context>
<context>
    <name>StaffRecordsTab</name>
    <message>
        <source>Hồ sơ &amp; dữ liệu cá nhân</source>
        <translation>Records &amp; personal data</translation>
    </message>
    <message>
        <source>Đang làm…</source>
        <extracomment>Bundles: ``.hkb`` (signed and sealed, issue #20) and the old ``.zip``.</extracomment>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Có {n} bản ghi lưu số điện thoại này.</source>
        <translation>{n} records keep this phone number.</translation>
    </message>
    <message>
        <source>Không có bản ghi nào lưu số điện thoại này.</source>
        <translation>No record keeps this phone number.</translation>
    </message>
    <message>
        <source>Đã xuất {n} bản ghi vào “{csv}” và “{json}”. Tệp có thông tin cá nhân: hãy trao cho đúng người và xóa khỏi máy sau đó.</source>
        <translation>Exported {n} records to “{csv}” and “{json}”. The files hold personal data: give them only to the right person and delete them from the machine afterwards.</translation>
    </message>
    <message>
        <source>Đã xóa họ tên, số điện thoại, ghi chú và dân tộc trên {n} bản ghi. Phần không nêu tên vẫn được giữ để thống kê.</source>
        <translation>Erased the name, phone number, note and ethnic group on {n} records. The anonymous rest is kept for statistics.</translation>
    </message>
    <message>
        <source>Xóa dữ liệu cá nhân</source>
        <translation>Erase personal data</translation>
    </message>
    <message>
        <source>Xóa thông tin cá nhân của người này trên {n} bản ghi? Việc này không hoàn tác được.</source>
        <translation>Erase this person&apos;s personal details on {n} records? This cannot be undone.</translation>
    </message>
    <message>
        <source>Xóa dữ liệu</source>
        <translation>Erase data</translation>
    </message>
    <message>
        <source>Đã xóa bản ghi.</source>
        <translation>The record is deleted.</translation>
    </message>
    <message>
        <source>Xóa bản ghi</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <source>Xóa bản ghi này? Bản ghi sẽ không còn trong báo cáo. Hãy ghi lý do.</source>
        <translation>Delete this record? It will no longer count in reports. Write a reason.</translation>
    </message>
    <message>
        <source>Chọn gói dữ liệu trên USB</source>
        <translation>Choose the data bundle on the USB stick</translation>
    </message>
    <message>
        <source>Gói dữ liệu chưa xác thực</source>
        <translation>Unverified bundle</translation>
    </message>
    <message>
        <source>Gói này là kiểu cũ, không có chữ ký: máy không thể biết chắc gói đến từ đâu và có bị sửa hay không. Chỉ nhập khi anh/chị biết rõ người gửi. Mọi bản ghi trong gói sẽ được ghi “chưa xác thực” trong báo cáo và tệp xuất.</source>
        <translation>This is an old-style bundle without a signature: this machine cannot tell for sure where it came from or whether it was changed. Import it only if you know the sender. Every record in it will be marked “unverified” in reports and exported files.</translation>
    </message>
    <message>
        <source>Nhập gói chưa xác thực</source>
        <translation>Import unverified bundle</translation>
    </message>
    <message>
        <source>Đã thêm {a}, cập nhật {u}, bỏ qua {k} bản ghi (đã có).</source>
        <translation>Added {a}, updated {u}, skipped {k} records (already here).</translation>
    </message>
    <message>
        <source>Thêm {d} ngày hoạt động và {v} thành viên mới (chưa có mã PIN trên máy này).</source>
        <translation>Added {d} activity days and {v} new members (no PIN on this machine yet).</translation>
    </message>
    <message>
        <source>Các bản ghi này được ghi “chưa xác thực”.</source>
        <translation>These records are marked “unverified”.</translation>
    </message>
    <message>
        <source>Chọn USB để lưu dữ liệu của người dân</source>
        <translation>Choose a USB drive to save the person&apos;s data</translation>
    </message>
    <message>
        <source>Danh sách đến nhà: {v} yêu cầu đến nhà.</source>
        <translation>Home-visit list: {v} request(s).</translation>
    </message>
    <message>
        <source>Kiosk lưu hai tệp: {name}.csv và {name}.json</source>
        <translation>The kiosk saves two files: {name}.csv and {name}.json</translation>
    </message>
    <message>
        <source>Chọn USB để lưu gói dữ liệu</source>
        <translation>Choose a USB drive to save the bundle</translation>
    </message>
    <message>
        <source>Kiosk lưu tệp: {name}</source>
        <translation>The kiosk saves the file: {name}</translation>
    </message>
    <message>
        <source>Đã xuất {n} bản ghi, {d} ngày hoạt động vào “{path}”. Tệp đã được ký và mã hóa: chỉ máy nhận mở được. Vẫn nên xóa khỏi USB sau khi nhập xong.</source>
        <translation>Exported {n} records and {d} activity days to “{path}”. The file is signed and encrypted: only the receiving machine can open it. Still delete it from the USB stick after importing.</translation>
    </message>
    <message>
        <source>Đã xóa thông tin liên hệ của {n} bản ghi đã giữ quá {d} ngày. Các bản ghi vẫn được giữ để thống kê.</source>
        <translation>Erased the contact details of {n} records kept longer than {d} days. The records stay for statistics.</translation>
    </message>
    <message>
        <source>Yêu cầu của người dân về dữ liệu cá nhân</source>
        <translation>Citizens&apos; requests about their personal data</translation>
    </message>
    <message>
        <source>Tìm theo số điện thoại người dân đã cho lưu. Có thể xuất dữ liệu cho họ, hoặc xóa khi họ yêu cầu. Mọi việc đều được ghi vào nhật ký.</source>
        <translation>Search by the phone number the citizen allowed us to keep. You can export their data for them, or erase it when they ask. Everything is recorded in the log.</translation>
    </message>
    <message>
        <source>Số điện thoại, ví dụ 0905 123 456</source>
        <translation>Phone number, e.g. 0905 123 456</translation>
    </message>
    <message>
        <source>Số điện thoại cần tìm</source>
        <translation>Phone number to search</translation>
    </message>
    <message>
        <source>Tìm</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Tìm các bản ghi lưu số này.</source>
        <translation>Find the records that keep this number.</translation>
    </message>
    <message>
        <source>Các bản ghi tìm được</source>
        <translation>Records found</translation>
    </message>
    <message>
        <source>Xuất cho người này</source>
        <translation>Export for this person</translation>
    </message>
    <message>
        <source>Lưu dữ liệu của người này ra tệp.</source>
        <translation>Save this person&apos;s data to a file.</translation>
    </message>
    <message>
        <source>Xóa dữ liệu người này</source>
        <translation>Erase this person&apos;s data</translation>
    </message>
    <message>
        <source>Xóa thông tin cá nhân trên mọi bản ghi của họ.</source>
        <translation>Erase the personal details on all their records.</translation>
    </message>
    <message>
        <source>Sửa bản ghi</source>
        <translation>Edit record</translation>
    </message>
    <message>
        <source>Mở bản ghi đã chọn để sửa.</source>
        <translation>Open the chosen record to edit it.</translation>
    </message>
    <message>
        <source>Xóa bản ghi đã chọn, cần ghi lý do.</source>
        <translation>Delete the chosen record; a reason is needed.</translation>
    </message>
    <message>
        <source>Gói dữ liệu của tổ lưu động</source>
        <translation>Mobile team data bundles</translation>
    </message>
    <message>
        <source>Nhập gói từ USB của máy tổ lưu động. Gói hỏng hoặc bị sửa sẽ bị từ chối, không ghi gì vào máy này.</source>
        <translation>Import a bundle from the mobile team&apos;s USB stick. A damaged or altered bundle is refused and nothing is written to this machine.</translation>
    </message>
    <message>
        <source>Nhập gói từ USB</source>
        <translation>Import bundle from USB</translation>
    </message>
    <message>
        <source>Chọn tệp gói dữ liệu để gộp vào máy này.</source>
        <translation>Choose a bundle file to merge into this machine.</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Xuất gói từ ngày</source>
        <translation>Export bundle from date</translation>
    </message>
    <message>
        <source>Xuất gói</source>
        <translation>Export bundle</translation>
    </message>
    <message>
        <source>Lưu các bản ghi từ ngày đã chọn ra USB.</source>
        <translation>Save the records since the chosen date to USB.</translation>
    </message>
    <message>
        <source>Thời hạn lưu thông tin liên hệ</source>
        <translation>How long contact details are kept</translation>
    </message>
    <message>
        <source>Họ tên và số điện thoại được giữ {d} ngày kể từ khi người dân đồng ý, sau đó bị xóa (kiosk tự làm mỗi lần mở).</source>
        <translation>Names and phone numbers are kept {d} days from the citizen&apos;s consent, then erased (the kiosk does this each time it starts).</translation>
    </message>
    <message>
        <source>Xóa thông tin liên hệ quá hạn</source>
        <translation>Erase expired contact details</translation>
    </message>
    <message>
        <source>Xóa ngay họ tên, số điện thoại đã quá thời hạn.</source>
        <translation>Erase names and phone numbers past their time now.</translation>
    </message>
</context>
<context>
    <name>StaffReports</name>
    <message>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Hỗ trợ kinh phí</source>
        <translation>Allowance</translation>
    </message>
    <message>
        <source>Xuất dữ liệu</source>
        <translation>Export data</translation>
    </message>
    <message>
        <source>Tháng {m}/{y}</source>
        <translation>Month {m}/{y}</translation>
    </message>
    <message>
        <source>Có dữ liệu mẫu (demo)</source>
        <translation>Includes demo data</translation>
    </message>
    <message>
        <source>Số liệu có dữ liệu mẫu dùng để tập huấn: không dùng để báo cáo chính thức.</source>
        <translation>These figures include demo data for training: do not use them for official reports.</translation>
    </message>
    <message>
        <source>Đang tính…</source>
        <translation>Calculating…</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>Thành viên</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Nội dung ({n} cảnh báo)</source>
        <translation>Content ({n} warnings)</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>Nhật ký</source>
        <translation>Activity log</translation>
    </message>
    <message>
        <source>Đang tải bài học…</source>
        <translation>Loading the lessons…</translation>
    </message>
    <message>
        <source>Nội dung có {n} cảnh báo. Sửa tệp được nêu rồi chạy “help-kiosk content check”:</source>
        <translation>The content has {n} warnings. Fix the files named, then run “help-kiosk content check”:</translation>
    </message>
    <message>
        <source>Nội dung hợp lệ: {n} bài hướng dẫn.</source>
        <translation>Content is valid: {n} tutorials.</translation>
    </message>
    <message>
        <source>Quản lý điểm hỗ trợ</source>
        <translation>Help point management</translation>
    </message>
    <message>
        <source>Quản lý điểm hỗ trợ.</source>
        <translation>Help point management.</translation>
    </message>
</context>
<context>
    <name>StaffSheetsTab</name>
    <message>
        <source>Tờ hướng dẫn</source>
        <translation>How-to sheets</translation>
    </message>
    <message>
        <source>Đang tải bài học…</source>
        <translation>Loading the lessons…</translation>
    </message>
    <message>
        <source>Chọn bài hướng dẫn:</source>
        <translation>Choose tutorials:</translation>
    </message>
    <message>
        <source>Khổ giấy</source>
        <translation>Paper size</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Cách xuất</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>Thư mục lưu</source>
        <translation>Save folder</translation>
    </message>
    <message>
        <source>Chữ to</source>
        <translation>Large print</translation>
    </message>
    <message>
        <source>In chữ to hơn, ít bước hơn mỗi trang.</source>
        <translation>Larger text, fewer steps per page.</translation>
    </message>
    <message>
        <source>Một tập (sổ tay có mục lục)</source>
        <translation>One booklet (with contents)</translation>
    </message>
    <message>
        <source>Mỗi bài một tệp PDF</source>
        <translation>One PDF per tutorial</translation>
    </message>
    <message>
        <source>Chọn thư mục…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <source>Chọn nơi lưu các tệp PDF.</source>
        <translation>Choose where to save the PDF files.</translation>
    </message>
    <message>
        <source>Xuất PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>Ghi các tờ hướng dẫn đã chọn thành tệp PDF.</source>
        <translation>Write the chosen how-to sheets as PDF files.</translation>
    </message>
    <message>
        <source>Hôm nay đã in {printed}/{quota} tờ hướng dẫn được phép (còn {remaining} tờ).</source>
        <translation>Printed today: {printed}/{quota} allowed how-to sheets ({remaining} left).</translation>
    </message>
    <message>
        <source>Hạn mức hôm nay đã được cán bộ thay đổi (thường ngày: {n} tờ).</source>
        <translation>Today&apos;s allowance was changed by staff (usually {n} sheets).</translation>
    </message>
    <message>
        <source>Xuất PDF không tính vào số này.</source>
        <translation>PDF exports do not count towards this.</translation>
    </message>
    <message>
        <source>Bỏ chọn tất cả</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <source>Bỏ chọn mọi bài.</source>
        <translation>Untick every tutorial.</translation>
    </message>
    <message>
        <source>Chọn tất cả</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>Chọn mọi bài hướng dẫn.</source>
        <translation>Tick every tutorial.</translation>
    </message>
    <message>
        <source>Chọn USB để lưu tệp PDF</source>
        <translation>Choose a USB drive to save the PDF files</translation>
    </message>
    <message>
        <source>Hãy chọn ít nhất một bài hướng dẫn.</source>
        <translation>Choose at least one tutorial.</translation>
    </message>
    <message>
        <source>Hãy chọn thư mục lưu tệp PDF.</source>
        <translation>Choose a folder for the PDF files.</translation>
    </message>
    <message>
        <source>Đang xuất… {p}%</source>
        <translation>Exporting… {p}%</translation>
    </message>
    <message>
        <source>Đã ghi sổ tay ({pages} trang):</source>
        <translation>Booklet written ({pages} pages):</translation>
    </message>
    <message>
        <source>Đã ghi {n} tệp PDF ({pages} trang):</source>
        <translation>{n} PDF files written ({pages} pages):</translation>
    </message>
    <message>
        <source>Không xuất được tệp PDF. Hãy thử lại hoặc chọn thư mục khác.</source>
        <translation>The PDF could not be exported. Try again or choose another folder.</translation>
    </message>
</context>
<context>
    <name>StaffSyncTab</name>
    <message>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Bỏ ghép nối</source>
        <translation>Unpair</translation>
    </message>
    <message>
        <source>Địa chỉ hub</source>
        <translation>Hub address</translation>
    </message>
    <message>
        <source>Mã ghép nối</source>
        <translation>Pairing code</translation>
    </message>
    <message>
        <source>Ghép nối</source>
        <translation>Pair</translation>
    </message>
    <message>
        <source>chưa ghép nối</source>
        <translation>not paired</translation>
    </message>
    <message>
        <source>chưa lần nào</source>
        <translation>never</translation>
    </message>
    <message>
        <source>đi kèm phần mềm</source>
        <translation>shipped with the software</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>Hub</translation>
    </message>
    <message>
        <source>Đang chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>{r} bản ghi, {d} ngày hoạt động</source>
        <translation>{r} records, {d} activity days</translation>
    </message>
    <message>
        <source>Làm sạch ký tự ẩn</source>
        <translation>Clean hidden characters</translation>
    </message>
    <message>
        <source>Cán bộ xã tạo mã ghép nối trên hub (dùng một lần, trong 24 giờ). Nhập địa chỉ hub và mã đó.</source>
        <translation>The commune officer makes a pairing code on the hub (single use, within 24 hours). Enter the hub address and that code.</translation>
    </message>
    <message>
        <source>Lỗi đồng bộ gần nhất</source>
        <translation>Last sync error</translation>
    </message>
    <message>
        <source>bản {v} từ hub</source>
        <translation>version {v} from the hub</translation>
    </message>
    <message>
        <source>Gửi thành công lúc</source>
        <translation>Last sent</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>Lần thử lúc {t} không thành công: </source>
        <translation>The attempt at {t} failed: </translation>
    </message>
    <message>
        <source>Đang đồng bộ… Kiosk vẫn dùng được bình thường.</source>
        <translation>Syncing… The kiosk keeps working as usual.</translation>
    </message>
    <message>
        <source>Đã gửi {n} mục lên hub.</source>
        <translation>Sent {n} items to the hub.</translation>
    </message>
    <message>
        <source>Hub đã nhận đủ; không còn gì chờ gửi.</source>
        <translation>The hub has everything; nothing is waiting.</translation>
    </message>
    <message>
        <source>Đã nhận nội dung mới (phiên bản {v}); kiosk dùng nội dung này từ lần về màn hình chính tới.</source>
        <translation>New content received (version {v}); the kiosk uses it from the next return to the home screen.</translation>
    </message>
    <message>
        <source>Chưa đồng bộ được (xem lý do bên trái).</source>
        <translation>Not synced (see the reason on the left).</translation>
    </message>
    <message>
        <source>Đang làm sạch…</source>
        <translation>Cleaning…</translation>
    </message>
    <message>
        <source>Đã xóa ký tự ẩn ở {n} mục (chữ nhìn thấy được giữ nguyên); đang gửi lại.</source>
        <translation>Removed hidden characters from {n} items (all visible text kept); sending again.</translation>
    </message>
    <message>
        <source>Hãy nhập cả địa chỉ hub và mã ghép nối.</source>
        <translation>Enter both the hub address and the pairing code.</translation>
    </message>
    <message>
        <source>Đang ghép nối…</source>
        <translation>Pairing…</translation>
    </message>
    <message>
        <source>Đã ghép nối. Kiosk sẽ tự gửi dữ liệu mỗi 5 phút khi có mạng.</source>
        <translation>Paired. The kiosk sends its data every 5 minutes when online.</translation>
    </message>
    <message>
        <source>Bỏ ghép nối?</source>
        <translation>Unpair?</translation>
    </message>
    <message>
        <source>Kiosk sẽ thôi gửi dữ liệu lên hub này. Dữ liệu trên máy vẫn còn nguyên. Muốn gửi lại phải có mã ghép nối mới.</source>
        <translation>The kiosk will stop sending data to this hub. The data on this PC stays. Sending again needs a new pairing code.</translation>
    </message>
    <message>
        <source>Đã bỏ ghép nối.</source>
        <translation>Unpaired.</translation>
    </message>
</context>
<context>
    <name>StepPlayerScreen</name>
    <message>
        <source>Về bước trước.</source>
        <translation>Go to the previous step.</translation>
    </message>
    <message>
        <source>Bước trước</source>
        <extracomment>(tutorial id, 0-based step index, the resume code it was opened with or None): the citizen pressed Home midway (ui.features.resume offers a code to come back with). The step a resume code was clamped to (the tutorial got shorter), while the citizen is on it: the notice above the words says so (kiosk.resume.shortened_notice).</extracomment>
        <translation>Previous step</translation>
    </message>
    <message>
        <source>Nghe lại</source>
        <translation>Listen again</translation>
    </message>
    <message>
        <source>Đọc to bước này.</source>
        <translation>Read this step aloud.</translation>
    </message>
    <message>
        <source>Hỏi tình nguyện viên</source>
        <translation>Ask a volunteer</translation>
    </message>
    <message>
        <source>Nhờ tình nguyện viên giúp ở bước này.</source>
        <translation>Ask a volunteer to help with this step.</translation>
    </message>
    <message>
        <source>Tập thử</source>
        <translation>Practise</translation>
    </message>
    <message>
        <source>Tập trên điện thoại tập, không sợ bấm sai.</source>
        <translation>Practise on a pretend phone; nothing can go wrong.</translation>
    </message>
    <message>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Bước tiếp</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>Kết thúc bài hướng dẫn.</source>
        <translation>Finish the guide.</translation>
    </message>
    <message>
        <source>Sang bước tiếp theo.</source>
        <translation>Go to the next step.</translation>
    </message>
    <message>
        <source>Bước {n}/{total}</source>
        <translation>Step {n}/{total}</translation>
    </message>
    <message>
        <source>Không có hình</source>
        <translation>No picture</translation>
    </message>
</context>
<context>
    <name>TakeHomeSlip</name>
    <message>
        <source>Hôm nay đã in hết số tờ cho phép, nên chưa in được phiếu. Nhờ cán bộ xã/phường cho in thêm.</source>
        <translation>Today&apos;s print allowance is used up, so the slip was not printed. Ask commune staff to allow more.</translation>
    </message>
    <message>
        <source>Đã in phiếu “Hôm nay đã làm”. Hãy đưa phiếu cho người dân.</source>
        <translation>The “Done today” slip is printed. Please give it to the citizen.</translation>
    </message>
    <message>
        <source>Máy in đang gặp sự cố, chưa in được phiếu. Hãy kiểm tra máy in rồi in lại từ “Bản ghi hôm nay”.</source>
        <translation>The printer has a problem; the slip was not printed. Check the printer, then print it again from “Today&apos;s records”.</translation>
    </message>
</context>
<context>
    <name>TakeTicketScreen</name>
    <message>
        <source>Lấy số cho việc này.</source>
        <extracomment>A ticket screen shorter than this (1366×768 leaves about 570 px) with the largest text shows the bring-list where the QR code was. Voice mode: more time per thing to have ready (espeak-ng at 150 words/min says a VNeID ticket with four of them in about 23 s; going Home cuts the voice off).</extracomment>
        <translation>Take a number for this.</translation>
    </message>
    <message>
        <source>Hiện chưa lấy số được. Vui lòng giơ tay hoặc đến bàn hỗ trợ, tình nguyện viên sẽ giúp bạn.</source>
        <translation>Numbers cannot be taken right now. Please raise your hand or come to the help desk; a volunteer will help you.</translation>
    </message>
    <message>
        <source>Đang lấy số…</source>
        <translation>Taking a number…</translation>
    </message>
    <message>
        <source>Lấy số ưu tiên: bạn cần hỗ trợ việc gì?</source>
        <translation>Priority number: what do you need help with?</translation>
    </message>
    <message>
        <source>Ưu tiên: đã chọn</source>
        <translation>Priority: chosen</translation>
    </message>
    <message>
        <source>Chạm lần nữa để lấy số thường.</source>
        <translation>Touch again for a regular number.</translation>
    </message>
    <message>
        <source>Số của bạn sẽ là số ưu tiên. Bây giờ hãy chọn việc bạn cần.</source>
        <translation>Your number will be a priority number. Now choose what you need.</translation>
    </message>
    <message>
        <source>Lấy số thứ tự: bạn cần hỗ trợ việc gì?</source>
        <translation>Take a number: what do you need help with?</translation>
    </message>
    <message>
        <source>Ưu tiên</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Chạm vào đây trước, rồi chọn việc, để lấy số ưu tiên.</source>
        <translation>Touch here first, then choose what you need, for a priority number.</translation>
    </message>
    <message>
        <source>Số ưu tiên dành cho người cao tuổi, người khuyết tật, phụ nữ mang thai, người đi cùng trẻ dưới 6 tuổi.</source>
        <translation>For older people, people with a disability, pregnant women, people with a child under 6.</translation>
    </message>
    <message>
        <source>Lấy số thứ tự. Chọn việc bạn cần: {names}.</source>
        <translation>Take a number. Choose what you need: {names}.</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <source>Chạm lần nữa để hủy số</source>
        <translation>Touch again to cancel</translation>
    </message>
    <message>
        <source>Chạm lần nữa để trả lại số này.</source>
        <translation>Touch again to give this number back.</translation>
    </message>
    <message>
        <source>Hủy số này</source>
        <translation>Cancel this number</translation>
    </message>
    <message>
        <source>Trả lại số này nếu bạn không cần chờ nữa.</source>
        <translation>Give this number back if you no longer need to wait.</translation>
    </message>
    <message>
        <source>Xong, về màn hình chính</source>
        <translation>Done, back to the start</translation>
    </message>
    <message>
        <source>Về màn hình chính. Hãy giữ phiếu số của bạn.</source>
        <translation>Back to the start. Keep your ticket.</translation>
    </message>
    <message>
        <source>★ ƯU TIÊN – SỐ CỦA BẠN</source>
        <translation>★ PRIORITY – YOUR NUMBER</translation>
    </message>
    <message>
        <source>SỐ CỦA BẠN</source>
        <translation>YOUR NUMBER</translation>
    </message>
    <message>
        <source>Số ưu tiên của bạn: {label}</source>
        <translation>Your priority number: {label}</translation>
    </message>
    <message>
        <source>Số của bạn: {label}</source>
        <translation>Your number: {label}</translation>
    </message>
    <message>
        <source>Lấy số lúc {time}</source>
        <translation>Taken at {time}</translation>
    </message>
    <message>
        <source>Không có ai chờ trước bạn.</source>
        <translation>Nobody is waiting ahead of you.</translation>
    </message>
    <message>
        <source>Có 1 người chờ trước bạn.</source>
        <translation>1 person is waiting ahead of you.</translation>
    </message>
    <message>
        <source>Có {n} người chờ trước bạn.</source>
        <translation>{n} people are waiting ahead of you.</translation>
    </message>
    <message>
        <source>Chờ khoảng {m} phút.</source>
        <translation>Wait about {m} minutes.</translation>
    </message>
    <message>
        <source>Chờ khoảng vài phút.</source>
        <translation>Wait a few minutes.</translation>
    </message>
    <message>
        <source>Mã học tiếp: {code}</source>
        <translation>Resume code: {code}</translation>
    </message>
    <message>
        <source>Chuẩn bị sẵn:</source>
        <translation>Have ready:</translation>
    </message>
    <message>
        <source>Hãy chuẩn bị sẵn: {items}.</source>
        <translation>Please have ready: {items}.</translation>
    </message>
    <message>
        <source>Đã hủy số {label}. Cảm ơn bạn. Bạn có thể lấy số khác khi cần.</source>
        <translation>Number {label} is cancelled. Thank you. You can take another number when you need one.</translation>
    </message>
    <message>
        <source>Máy in đang gặp sự cố, vui lòng nhớ số của bạn</source>
        <translation>The printer has a problem, please remember your number</translation>
    </message>
    <message>
        <source>Mời bạn lấy phiếu số ở máy in và ngồi chờ gọi số.</source>
        <translation>Please take your ticket from the printer and wait to be called.</translation>
    </message>
    <message>
        <source>Đang in phiếu số…</source>
        <translation>Printing your ticket…</translation>
    </message>
    <message>
        <source>Quét mã để mở trang chính thức:</source>
        <translation>Scan to open the official site:</translation>
    </message>
    <message>
        <source>Mã QR đến trang chính thức {address}</source>
        <translation>QR code to the official site {address}</translation>
    </message>
    <message>
        <source>Số ưu tiên của bạn là {words}. {words}.</source>
        <translation>Your priority number is {words}. {words}.</translation>
    </message>
    <message>
        <source>Số của bạn là {words}. {words}.</source>
        <translation>Your number is {words}. {words}.</translation>
    </message>
    <message>
        <source>Mã học tiếp của bạn là {digits}. Mã này có in trên phiếu.</source>
        <translation>Your resume code is {digits}. It is printed on your ticket.</translation>
    </message>
</context>
<context>
    <name>VolunteerConsoleScreen</name>
    <message>
        <source>Hãy chọn bàn của bạn trước.</source>
        <translation>Choose your desk first.</translation>
    </message>
    <message>
        <source>Chưa chọn bàn</source>
        <translation>No desk chosen</translation>
    </message>
    <message>
        <source>Bàn {desk} đang phục vụ:</source>
        <translation>Desk {desk} is serving:</translation>
    </message>
    <message>
        <source>Chưa phục vụ số nào</source>
        <translation>Not serving a number</translation>
    </message>
    <message>
        <source>Chưa có ai. Bấm “Gọi số tiếp theo”.</source>
        <translation>Nobody yet. Press “Call next number”.</translation>
    </message>
    <message>
        <source>Đang phục vụ số {label}</source>
        <translation>Serving number {label}</translation>
    </message>
    <message>
        <source>Đã gọi lại {n} lần</source>
        <translation>Called again {n} times</translation>
    </message>
    <message>
        <source>Cần giúp: {title}, bước {step}</source>
        <translation>Needs help: {title}, step {step}</translation>
    </message>
    <message>
        <source>Cần giúp: {title}</source>
        <translation>Needs help: {title}</translation>
    </message>
    <message>
        <source>Đang chờ: {n} người</source>
        <translation>Waiting: {n} people</translation>
    </message>
    <message>
        <source>đã chờ {m} phút</source>
        <translation>waited {m} minutes</translation>
    </message>
    <message>
        <source>Chưa có ai đang chờ. Khi có người lấy số, số sẽ hiện ở đây.</source>
        <translation>Nobody is waiting. When someone takes a number, it appears here.</translation>
    </message>
    <message>
        <source>Bạn đang ở bàn {desk}.</source>
        <translation>You are at desk {desk}.</translation>
    </message>
    <message>
        <source>Đã mời số {label} đến bàn {desk}.</source>
        <translation>Called number {label} to desk {desk}.</translation>
    </message>
    <message>
        <source>Đã gọi lại số {label} (lần {n}).</source>
        <translation>Called number {label} again (time {n}).</translation>
    </message>
    <message>
        <source>Đã ghi số {label} vắng mặt. Bạn có thể gọi số tiếp theo.</source>
        <translation>Number {label} marked absent. You can call the next number.</translation>
    </message>
    <message>
        <source>Đã xong số {label}.</source>
        <translation>Number {label} is done.</translation>
    </message>
    <message>
        <source>Cảm ơn bạn đã đánh giá.</source>
        <translation>Thank you for rating.</translation>
    </message>
    <message>
        <source>Hãy chọn một số trong danh sách chờ, hoặc gọi một số trước, rồi bấm “Chuyển dịch vụ”.</source>
        <translation>Choose a number in the waiting list, or call a number first, then press “Change service”.</translation>
    </message>
    <message>
        <source>Chuyển số {label} sang dịch vụ nào?</source>
        <translation>Move number {label} to which service?</translation>
    </message>
    <message>
        <source>Người đến trực tiếp cần hỗ trợ việc gì?</source>
        <translation>What does the walk-in person need help with?</translation>
    </message>
    <message>
        <source>Thôi, quay lại</source>
        <translation>Never mind, go back</translation>
    </message>
    <message>
        <source>Đã chuyển số {label} sang “{service}”. Số vẫn giữ chỗ trong hàng chờ.</source>
        <translation>Moved number {label} to “{service}”. It keeps its place in the queue.</translation>
    </message>
    <message>
        <source>Đang phục vụ người đến trực tiếp với số {label}.</source>
        <translation>Serving a walk-in with number {label}.</translation>
    </message>
    <message>
        <source>Bàn tình nguyện viên</source>
        <translation>Volunteer desk</translation>
    </message>
    <message>
        <source>Bàn của tôi:</source>
        <translation>My desk:</translation>
    </message>
    <message>
        <source>Bàn {desk}</source>
        <translation>Desk {desk}</translation>
    </message>
    <message>
        <source>Chọn bàn bạn đang ngồi.</source>
        <translation>Choose the desk you are sitting at.</translation>
    </message>
    <message>
        <source>Mở màn hình gọi số</source>
        <translation>Open the now-serving display</translation>
    </message>
    <message>
        <source>Mở màn hình số đang phục vụ cho người chờ xem.</source>
        <translation>Open the now-serving display for people waiting.</translation>
    </message>
    <message>
        <source>Đến nhà hỗ trợ</source>
        <translation>Home visits</translation>
    </message>
    <message>
        <source>Danh sách người cần tổ đến tận nhà.</source>
        <translation>People who need the team to come to their home.</translation>
    </message>
    <message>
        <source>Gọi số tiếp theo</source>
        <translation>Call next number</translation>
    </message>
    <message>
        <source>Mời người chờ lâu nhất đến bàn của bạn.</source>
        <translation>Invite the person who has waited longest to your desk.</translation>
    </message>
    <message>
        <source>Gọi lại</source>
        <translation>Call again</translation>
    </message>
    <message>
        <source>Gọi lại số đang phục vụ.</source>
        <translation>Call the current number again.</translation>
    </message>
    <message>
        <source>Vắng mặt</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Người này không đến sau khi đã gọi lại.</source>
        <translation>This person did not come after being called again.</translation>
    </message>
    <message>
        <source>Chuyển dịch vụ</source>
        <translation>Change service</translation>
    </message>
    <message>
        <source>Chuyển số sang dịch vụ khác, giữ chỗ chờ.</source>
        <translation>Move the number to another service, keeping its place.</translation>
    </message>
    <message>
        <source>Phục vụ người không có số</source>
        <translation>Serve a walk-in</translation>
    </message>
    <message>
        <source>Cấp số cho người đến thẳng bàn và phục vụ ngay.</source>
        <translation>Give a number to someone who came straight to the desk and serve them now.</translation>
    </message>
    <message>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Kết thúc lượt hỗ trợ này.</source>
        <translation>Finish this help session.</translation>
    </message>
    <message>
        <source>Bàn tình nguyện viên.</source>
        <translation>Volunteer desk.</translation>
    </message>
</context>
</TS>
