<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="vi_VN">
<context>
    <name>AllowanceTab</name>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="928" />
        <source>Kinh phí hỗ trợ trong kỳ</source>
        <translation>Support allowance for the period</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="929" />
        <source>Quy định về mức hỗ trợ (mới nhất trước)</source>
        <translation>Allowance rules (newest first)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="930" />
        <source>Thêm quy định mới</source>
        <translation>Add a new rule</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="931" />
        <source>Thành viên</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="931" />
        <source>Số ngày</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="932" />
        <source>Theo mức</source>
        <translation>At the daily rate</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="932" />
        <source>Được nhận</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="933" />
        <source>Mức tối đa của tổ theo từng kỳ</source>
        <translation>Team cap per cap period</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="934" />
        <source>Kỳ</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="934" />
        <source>Mức tối đa</source>
        <translation>Cap</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="935" />
        <source>Đã dùng</source>
        <translation>Used</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="935" />
        <source>Còn lại</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="936" />
        <source>Chưa có dữ liệu: chưa thành viên nào có ngày hoạt động trong kỳ này.</source>
        <translation>No data yet: no member has an active day in this period.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="939" />
        <source>Tên quy định</source>
        <translation>Rule name</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="939" />
        <source>Có hiệu lực từ</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="939" />
        <source>Hết hiệu lực</source>
        <translation>Valid to</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="940" />
        <source>Mỗi người mỗi ngày</source>
        <translation>Per person per day</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="940" />
        <source>Tối đa cho cả tổ</source>
        <translation>Cap for the whole team</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="941" />
        <source>Tính mức tối đa theo</source>
        <translation>Cap applies per</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="941" />
        <source>Nguồn (văn bản)</source>
        <translation>Source (document)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="943" />
        <source>Chưa có ngày hết hiệu lực</source>
        <translation>No end date yet</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="944" />
        <source>Từng tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="945" />
        <source>Từng năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="946" />
        <source>Thêm quy định</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="947" />
        <source>Lưu quy định mới; số tiền được tính lại ngay.</source>
        <translation>Save the new rule; amounts are recalculated at once.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="987" />
        <source>Tổng được nhận: {v}</source>
        <translation>Total paid: {v}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="988" />
        <source>{n} thành viên, {d} ngày hoạt động; theo mức ngày là {due}.</source>
        <translation>{n} members, {d} active days; at the daily rate that is {due}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="993" />
        <source>Phần vượt mức tối đa của tổ không được tính.</source>
        <translation>Anything above the team cap is not paid.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="999" />
        <source>Còn lại trong {label}: {left} (đã dùng {used} / tối đa {cap}).</source>
        <translation>Remaining in {label}: {left} (used {used} of {cap}).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1009" />
        <source>Cả tổ</source>
        <translation>Whole team</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1018" />
        <source>và {n} ngày khác</source>
        <translation>and {n} more days</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1019" />
        <source>{n} ngày hoạt động không có quy định nào (0 đ): {days}. Hãy thêm quy định cho những ngày này nếu có.</source>
        <translation>{n} active days have no rule (0 đ): {days}. Add a rule for these days if there is one.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1027" />
        <source>Đã chạm mức tối đa từ ngày {d}.</source>
        <translation>The cap was reached on {d}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1052" />
        <source>áp dụng cho kỳ này</source>
        <translation>applies to this period</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1058" />
        <source>Nguồn: {s}</source>
        <translation>Source: {s}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1088" />
        <source>Đã thêm quy định “{name}”. Số tiền đã được tính lại.</source>
        <translation>Rule “{name}” added. Amounts have been recalculated.</translation>
    </message>
</context>
<context>
    <name>AskDialog</name>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="306" />
        <source>Lý do</source>
        <extracomment>Errors a person can act on: shown in the screen as they are (Vietnamese).</extracomment>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="307" />
        <source>Ghi lý do (bắt buộc)</source>
        <translation>Write the reason (required)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="317" />
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="332" />
        <source>Hãy ghi lý do trước khi tiếp tục.</source>
        <translation>Write a reason before continuing.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../ui/widgets/bar_chart.py" line="74" />
        <source>Chưa có dữ liệu</source>
        <translation>No data yet</translation>
    </message>
</context>
<context>
    <name>CatalogueScreen</name>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="59" />
        <source>Gõ để tìm bài hướng dẫn (dành cho tình nguyện viên)</source>
        <translation>Type to find a guide (for volunteers)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="60" />
        <source>Tìm bài hướng dẫn</source>
        <translation>Find a guide</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="74" />
        <source>Kết quả tìm kiếm</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="76" />
        <source>In hướng dẫn: chọn chủ đề</source>
        <translation>Print a guide: choose a topic</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="77" />
        <source>Học từng bước: chọn chủ đề</source>
        <translation>Learn step by step: choose a topic</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="85" />
        <source>{n} bài hướng dẫn.</source>
        <translation>{n} guides.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="97" />
        <source>khoảng {n} phút</source>
        <translation>about {n} minutes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="98" />
        <source>In tờ hướng dẫn này.</source>
        <translation>Print this guide sheet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="99" />
        <source>Mở hướng dẫn từng bước.</source>
        <translation>Open the step-by-step guide.</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <location filename="../../ui/screens/consent.py" line="112" />
        <source>Mời người dân đọc hoặc nghe lời xin phép dưới đây, rồi tự chọn. Không đồng ý thì vẫn được hỗ trợ như bình thường.</source>
        <translation>Please read or listen to the request below, then choose. If you do not agree, you are helped just the same.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="114" />
        <source>Nghe lại</source>
        <translation>Listen again</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="114" />
        <source>Đọc to lời xin phép.</source>
        <translation>Read the request aloud.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="115" />
        <source>Không đồng ý</source>
        <translation>I do not agree</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="116" />
        <source>Không lưu thông tin này. Bản ghi vẫn ẩn danh.</source>
        <translation>This is not kept. The record stays anonymous.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="117" />
        <source>Tôi đồng ý</source>
        <translation>I agree</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="118" />
        <source>Người dân đồng ý cho lưu thông tin này.</source>
        <translation>The citizen agrees to keep this information.</translation>
    </message>
</context>
<context>
    <name>ContactGate</name>
    <message>
        <location filename="../../ui/screens/consent.py" line="253" />
        <source>Cần liên hệ lại</source>
        <translation>Needs a call back</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="254" />
        <source>Xin phép người dân lưu họ tên và số điện thoại.</source>
        <translation>Ask the citizen's permission to keep their name and phone number.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="255" />
        <source>Họ tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="256" />
        <source>Họ tên người cần liên hệ lại</source>
        <translation>Name of the person to call back</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="257" />
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="258" />
        <source>Số điện thoại người cần liên hệ lại</source>
        <translation>Phone number of the person to call back</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="262" />
        <source>Người dân đã đồng ý. Ghi họ tên và số điện thoại:</source>
        <translation>The citizen agreed. Write the name and phone number:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="263" />
        <source>Chỉ ghi khi người dân đồng ý.</source>
        <translation>Only with the citizen's consent.</translation>
    </message>
</context>
<context>
    <name>EthnicGate</name>
    <message>
        <location filename="../../ui/screens/consent.py" line="308" />
        <source>Ghi dân tộc</source>
        <translation>Record ethnic group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="309" />
        <source>Xin phép người dân ghi dân tộc (không bắt buộc).</source>
        <translation>Ask the citizen's permission to record their ethnic group (optional).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="310" />
        <location filename="../../ui/screens/consent.py" line="314" />
        <source>Dân tộc</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="313" />
        <source>Chọn hoặc gõ tên dân tộc</source>
        <translation>Choose or type the ethnic group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="318" />
        <source>Người dân đã đồng ý. Chọn dân tộc:</source>
        <translation>The citizen agreed. Choose the ethnic group:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/consent.py" line="319" />
        <source>Không bắt buộc. Chỉ ghi khi người dân đồng ý.</source>
        <translation>Optional. Only with the citizen's consent.</translation>
    </message>
</context>
<context>
    <name>ExportTab</name>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1242" />
        <source>1. Định dạng tệp</source>
        <translation>1. File format</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1243" />
        <source>2. Nội dung</source>
        <translation>2. Content</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1244" />
        <source>3. Lưu vào (USB trước, hoặc thư mục Tài liệu)</source>
        <translation>3. Save to (USB drive first, or Documents)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1246" />
        <source>Chọn định dạng tệp.</source>
        <translation>Choose the file format.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1247" />
        <source>Bản ghi</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1247" />
        <source>Tổng hợp</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1248" />
        <source>Kinh phí hỗ trợ</source>
        <translation>Allowance</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1248" />
        <source>Cả ba (một tệp)</source>
        <translation>All three (one file)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1250" />
        <source>Chọn nội dung cần xuất.</source>
        <translation>Choose what to export.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1251" />
        <source>Tìm lại USB</source>
        <translation>Look for USB drives again</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1252" />
        <source>Tìm lại các USB vừa cắm vào máy.</source>
        <translation>Look again for USB drives just plugged in.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1253" />
        <source>Chọn thư mục…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1254" />
        <source>Chọn một thư mục khác để lưu tệp.</source>
        <translation>Choose another folder to save the file in.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1255" />
        <source>Kèm thông tin liên hệ</source>
        <translation>Include contact details</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1256" />
        <location filename="../../ui/screens/staff_reports.py" line="1470" />
        <source>Đang xuất…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1256" />
        <location filename="../../ui/screens/staff_reports.py" line="1470" />
        <source>Xuất</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1257" />
        <source>Ghi tệp vào nơi đã chọn.</source>
        <translation>Write the file to the chosen place.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1309" />
        <source>Tệp sẽ có tên, số điện thoại và ghi chú của người dân đã đồng ý. Chỉ đưa cho người có trách nhiệm, xóa khi không cần nữa.</source>
        <translation>The file will hold the names, phone numbers and notes of citizens who agreed. Give it only to the person responsible, and delete it when no longer needed.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1312" />
        <source>Không chọn: tệp không có tên hay số điện thoại của ai.</source>
        <translation>Not ticked: the file holds nobody's name or phone number.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1315" />
        <source>Tổng hợp, kinh phí và báo cáo PDF không bao giờ có thông tin liên hệ.</source>
        <translation>Summaries, the allowance and PDF reports never contain contact details.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1321" />
        <source>Tên tệp: {name}</source>
        <translation>File name: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1323" />
        <source>Chưa chọn nơi lưu.</source>
        <translation>No place chosen yet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1325" />
        <source> (USB)</source>
        <translation> (USB)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1326" />
        <source>Nơi lưu: {path}</source>
        <translation>Save to: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1364" />
        <source>USB “{name}”</source>
        <translation>USB “{name}”</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1366" />
        <source>Thư mục Tài liệu</source>
        <translation>Documents folder</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1369" />
        <source>Lưu tệp vào {path}.</source>
        <translation>Save the file in {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1392" />
        <source>Chọn thư mục lưu tệp</source>
        <translation>Choose a folder for the file</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1401" />
        <source>Hãy chọn nơi lưu tệp (USB hoặc thư mục).</source>
        <translation>Choose where to save the file (USB drive or folder).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1408" />
        <source>USB đã bị rút hoặc không còn ghi được. Hãy cắm lại USB rồi bấm “Tìm lại USB”, hoặc chọn nơi lưu khác.</source>
        <translation>The USB drive was removed or can no longer be written. Plug it in again and press “Look for USB drives again”, or choose another place.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1443" />
        <source>Không xuất được tệp. Hãy thử lại, hoặc chọn nơi lưu khác.</source>
        <translation>The file could not be exported. Try again, or choose another place.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1460" />
        <source>Đã ghi tệp ({n} dòng):</source>
        <translation>File written ({n} rows):</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="1463" />
        <source>Tệp có dữ liệu mẫu (demo) và được đánh dấu rõ.</source>
        <translation>The file includes demo data and is clearly marked.</translation>
    </message>
</context>
<context>
    <name>FinishScreen</name>
    <message>
        <location filename="../../ui/screens/finish.py" line="54" />
        <source>Bạn đã làm xong!</source>
        <translation>You have finished!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="56" />
        <source>In hướng dẫn này</source>
        <translation>Print this guide</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="57" />
        <source>In tờ hướng dẫn để mang về nhà.</source>
        <translation>Print the how-to sheet to take home.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="58" />
        <source>Hỏi tình nguyện viên</source>
        <translation>Ask a volunteer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="59" />
        <source>Nhờ tình nguyện viên giúp thêm.</source>
        <translation>Ask a volunteer for more help.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="60" />
        <source>Về màn hình chính</source>
        <translation>Back to Home</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="63" />
        <source>Bạn đã làm xong! Bạn có thể in hướng dẫn này, hỏi tình nguyện viên, hoặc về màn hình chính.</source>
        <translation>You have finished! You can print this guide, ask a volunteer, or go back to Home.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../ui/screens/home.py" line="55" />
        <source>Xin chào! Bạn cần giúp gì?</source>
        <translation>Hello! How can we help?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="57" />
        <source>Lấy số thứ tự</source>
        <translation>Take a number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="57" />
        <source>Nhận một số để chờ đến lượt.</source>
        <translation>Get a number and wait for your turn.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="58" />
        <source>Học từng bước</source>
        <translation>Learn step by step</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="58" />
        <source>Xem và nghe hướng dẫn từng bước.</source>
        <translation>See and hear a guide, one step at a time.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="59" />
        <source>In hướng dẫn</source>
        <translation>Print a guide</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="59" />
        <source>In tờ hướng dẫn mang về nhà.</source>
        <translation>Print a guide sheet to take home.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="60" />
        <source>Bàn tình nguyện viên</source>
        <translation>Volunteer desk</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="60" />
        <source>Gọi số và hỗ trợ người dân.</source>
        <translation>Call numbers and help citizens.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="61" />
        <source>Ghi nhận hỗ trợ</source>
        <translation>Log help given</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="61" />
        <source>Ghi lại một lượt hỗ trợ.</source>
        <translation>Record one person helped.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="62" />
        <source>Quản lý</source>
        <translation>Management</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="62" />
        <source>Báo cáo, thành viên và cài đặt.</source>
        <translation>Reports, members and settings.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="70" />
        <source>Màn hình chính. Bạn có thể chọn: {names}.</source>
        <translation>Home screen. You can choose: {names}.</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <location filename="../../ui/idle.py" line="39" />
        <source>Thêm thời gian</source>
        <translation>More time</translation>
    </message>
    <message>
        <location filename="../../ui/idle.py" line="41" />
        <source>Chạm để tiếp tục dùng kiosk.</source>
        <translation>Touch to keep using the kiosk.</translation>
    </message>
    <message>
        <location filename="../../ui/idle.py" line="48" />
        <source>Bạn còn ở đây không?
Kiosk sẽ về màn hình chính sau {n} giây.</source>
        <translation>Are you still there?
The kiosk will go back to Home in {n} seconds.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/shell.py" line="166" />
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="166" />
        <source>Về màn hình trước.</source>
        <translation>Go to the previous screen.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="167" />
        <source>Màn hình chính</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="167" />
        <source>Về màn hình đầu tiên.</source>
        <translation>Go to the first screen.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="168" />
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="169" />
        <source>Kết thúc phiên của tình nguyện viên.</source>
        <translation>End the volunteer session.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="171" />
        <source>Đổi ngôn ngữ.</source>
        <translation>Change the language.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="172" />
        <source>Cỡ chữ</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="172" />
        <source>Đổi cỡ chữ to hơn hoặc nhỏ hơn.</source>
        <translation>Make the text bigger or smaller.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="173" />
        <source>Tương phản</source>
        <translation>Contrast</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="173" />
        <source>Đổi màu dễ nhìn hơn.</source>
        <translation>Switch to colours that are easier to see.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="174" />
        <source>Bật hoặc tắt đọc to.</source>
        <translation>Turn reading aloud on or off.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="175" />
        <location filename="../../ui/shell.py" line="176" />
        <source>Đọc to</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="180" />
        <source>Đang đăng nhập: {name}</source>
        <translation>Signed in: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="230" />
        <source>Thông báo</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="235" />
        <location filename="../../ui/shell.py" line="237" />
        <source>Đã hiểu</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="211" />
        <source>Vui lòng giơ tay hoặc đến bàn hỗ trợ, tình nguyện viên sẽ giúp bạn ngay.</source>
        <translation>Please raise your hand or come to the help desk; a volunteer will help you right away.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="310" />
        <source>Đã bật đọc to. Chạm một lần để nghe, chạm lần nữa để chọn.</source>
        <translation>Reading aloud is on. Touch once to hear, touch again to choose.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="441" />
        <source>Cài đặt có vấn đề</source>
        <translation>Settings problem</translation>
    </message>
</context>
<context>
    <name>NowServingWindow</name>
    <message>
        <location filename="../../ui/now_serving.py" line="182" />
        <source>Bàn {desk}: chưa gọi số</source>
        <translation>Desk {desk}: no number called</translation>
    </message>
    <message>
        <location filename="../../ui/now_serving.py" line="188" />
        <source>Bàn {desk}: số {label}</source>
        <translation>Desk {desk}: number {label}</translation>
    </message>
    <message>
        <location filename="../../ui/now_serving.py" line="196" />
        <source>Đang chờ: {n} người</source>
        <translation>Waiting: {n} people</translation>
    </message>
    <message>
        <location filename="../../ui/now_serving.py" line="201" />
        <source>Màn hình gọi số</source>
        <translation>Now-serving display</translation>
    </message>
    <message>
        <location filename="../../ui/now_serving.py" line="202" />
        <source>MỜI SỐ</source>
        <translation>NOW SERVING</translation>
    </message>
    <message>
        <location filename="../../ui/now_serving.py" line="207" />
        <source>Bàn {desk}</source>
        <translation>Desk {desk}</translation>
    </message>
    <message>
        <location filename="../../ui/now_serving.py" line="208" />
        <source>Vừa gọi</source>
        <translation>Just called</translation>
    </message>
    <message>
        <location filename="../../ui/now_serving.py" line="209" />
        <source>Số tiếp theo</source>
        <translation>Next numbers</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="446" />
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="446" />
        <source>Tuần này</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="447" />
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="448" />
        <source>Tháng trước</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="449" />
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="450" />
        <source>Chọn ngày…</source>
        <translation>Choose dates…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="452" />
        <source>Xem số liệu của kỳ này.</source>
        <translation>Show the figures for this period.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="453" />
        <location filename="../../ui/screens/staff_reports.py" line="455" />
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="454" />
        <source>đến ngày</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="456" />
        <source>Đến ngày</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="457" />
        <source>Xem</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="457" />
        <source>Xem số liệu từ ngày đến ngày đã chọn.</source>
        <translation>Show the figures between the chosen dates.</translation>
    </message>
</context>
<context>
    <name>PinPadScreen</name>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="63" />
        <location filename="../../ui/screens/pin_pad.py" line="64" />
        <location filename="../../ui/screens/pin_pad.py" line="82" />
        <location filename="../../ui/screens/pin_pad.py" line="83" />
        <source>một chữ số</source>
        <translation>one digit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="78" />
        <source>Nhập mã PIN của tình nguyện viên hoặc cán bộ</source>
        <translation>Enter a volunteer or staff PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="79" />
        <source>Xóa</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="79" />
        <source>Xóa các số đã nhập.</source>
        <translation>Clear the digits entered.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="80" />
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="80" />
        <source>Kiểm tra mã PIN.</source>
        <translation>Check the PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="102" />
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="123" />
        <source>Nhập mã PIN. Mỗi số bạn chạm sẽ chỉ được đọc là một chữ số.</source>
        <translation>Enter the PIN. Each number you touch is only read as one digit.</translation>
    </message>
</context>
<context>
    <name>QueueFeature</name>
    <message>
        <location filename="../../ui/features/queue.py" line="106" />
        <source>Mời số {label} đến bàn {desk}</source>
        <extracomment>Desk → (key that calls the next number, key that calls the same number again). Keys of a USB numeric keypad; every keypad types into the same kiosk, so each desk has its own pair.</extracomment>
        <translation>Number {label}, please go to desk {desk}</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="224" />
        <source>Vui lòng giơ tay hoặc đến bàn hỗ trợ, tình nguyện viên sẽ giúp bạn ngay.</source>
        <translation>Please raise your hand or come to the help desk; a volunteer will help you right away.</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="265" />
        <source>Máy in đang gặp sự cố, vui lòng nhớ số của bạn</source>
        <translation>The printer has a problem, please remember your number</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="399" />
        <source>Bàn {desk} chưa gọi số nào. Bấm phím gọi số tiếp theo.</source>
        <translation>Desk {desk} has not called a number. Press the call-next key.</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="404" />
        <source>Số {label} vắng mặt. Bàn {desk} có thể gọi số tiếp theo.</source>
        <translation>Number {label} did not come. Desk {desk} can call the next number.</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="582" />
        <source>Hàng đợi</source>
        <translation>Queue</translation>
    </message>
</context>
<context>
    <name>QueueStaffTab</name>
    <message>
        <location filename="../../ui/features/queue.py" line="461" />
        <source>Các dịch vụ hiện trên màn hình lấy số. Bấm “Đang dùng” để tạm ngừng một dịch vụ (số đang chờ vẫn được gọi). “In phiếu thử” in một phiếu mẫu để kiểm tra máy in, không lấy số thật.</source>
        <translation>The services shown on the ticket screen. Press “In use” to pause a service (numbers already waiting are still called). “Print test ticket” prints a sample to check the printer, without taking a real number.</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="489" />
        <source>Đang dùng</source>
        <translation>In use</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="489" />
        <source>Tạm ngừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="490" />
        <source>Bấm để tạm ngừng dịch vụ này.</source>
        <translation>Press to pause this service.</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="491" />
        <source>Bấm để dùng lại dịch vụ này.</source>
        <translation>Press to use this service again.</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="494" />
        <source>In phiếu thử</source>
        <translation>Print test ticket</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="497" />
        <source>In một phiếu mẫu, không lấy số thật.</source>
        <translation>Print a sample ticket without taking a real number.</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="498" />
        <source>In phiếu thử: {name}</source>
        <translation>Print test ticket: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="515" />
        <source>Đã dùng lại dịch vụ “{name}”.</source>
        <translation>Service “{name}” is in use again.</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="516" />
        <source>Đã tạm ngừng dịch vụ “{name}”. Màn hình lấy số không còn hiện dịch vụ này.</source>
        <translation>Service “{name}” is paused. The ticket screen no longer shows it.</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="535" />
        <source>Đang in phiếu thử…</source>
        <translation>Printing the test ticket…</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="558" />
        <source>Đã gửi phiếu thử đến máy in. Hãy xem phiếu in ra có rõ chữ và mã QR không.</source>
        <translation>The test ticket was sent to the printer. Check that the text and QR code print clearly.</translation>
    </message>
    <message>
        <location filename="../../ui/features/queue.py" line="564" />
        <source>Không in được phiếu thử: {reason} Hãy kiểm tra máy in đã bật, có giấy và đã cắm dây.</source>
        <translation>Could not print the test ticket: {reason} Check that the printer is on, has paper and is plugged in.</translation>
    </message>
</context>
<context>
    <name>QuickLogScreen</name>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="726" />
        <source>(Không ghi xã/phường)</source>
        <translation>(No commune)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="742" />
        <source>(Không ghi thôn/tổ)</source>
        <translation>(No village)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="863" />
        <source>Lý do sửa</source>
        <translation>Reason for the edit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="864" />
        <source>Bản ghi này cần ghi lý do khi sửa. Vì sao cần sửa?</source>
        <translation>This record needs a reason to be edited. Why does it need changing?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="865" />
        <location filename="../../ui/screens/quick_log.py" line="1172" />
        <source>Lưu thay đổi</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="889" />
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="896" />
        <source>Đã lưu thay đổi của bản ghi.</source>
        <translation>The changes to the record are saved.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="904" />
        <source>Đã lưu lượt hỗ trợ. Cảm ơn bạn!</source>
        <translation>The help is saved. Thank you!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="944" />
        <source>Xin phép lưu thông tin liên hệ</source>
        <translation>Permission to keep contact details</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="947" />
        <source>Xin phép ghi dân tộc</source>
        <translation>Permission to record ethnic group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="956" />
        <source>Người dân đã đồng ý. Hãy ghi thông tin.</source>
        <translation>The citizen agreed. Please fill in the details.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="968" />
        <source>Không lưu thông tin này. Bản ghi vẫn ẩn danh.</source>
        <translation>This is not kept. The record stays anonymous.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="988" />
        <source>Bản ghi hôm nay ({n}). Chọn một bản ghi để sửa.</source>
        <translation>Today's records ({n}). Choose one to edit.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="990" />
        <source>Hôm nay chưa có bản ghi nào.</source>
        <translation>No records yet today.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1012" />
        <source>có thông tin liên hệ</source>
        <translation>has contact details</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1022" />
        <source>Hãy chọn một bản ghi trong danh sách.</source>
        <translation>Choose a record in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1025" />
        <source>Bản ghi này cần cán bộ xã/phường sửa và ghi lý do.</source>
        <translation>Commune staff must edit this record and give a reason.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1045" />
        <source>Đã xóa bản ghi.</source>
        <translation>The record is deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1056" />
        <location filename="../../ui/screens/quick_log.py" line="1059" />
        <source>Xóa bản ghi</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1057" />
        <source>Xóa bản ghi lúc {time}? Bản ghi sẽ không còn trong báo cáo. Hãy ghi lý do.</source>
        <translation>Delete the record of {time}? It will no longer count in reports. Write a reason.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1097" />
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1097" />
        <source>Làm được một phần</source>
        <translation>Partly done</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1098" />
        <source>Chuyển nơi khác</source>
        <translation>Referred elsewhere</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1099" />
        <source>Cần đến thăm lại</source>
        <translation>Needs a follow-up visit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1102" />
        <source>Dưới 18</source>
        <translation>Under 18</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1102" />
        <source>18–39</source>
        <translation>18–39</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1103" />
        <source>40–59</source>
        <translation>40–59</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1103" />
        <source>60–74</source>
        <translation>60–74</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1104" />
        <source>Từ 75</source>
        <translation>75 and over</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1107" />
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1107" />
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1107" />
        <source>Khác</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1111" />
        <source>Tại điểm hỗ trợ</source>
        <translation>At the help point</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1111" />
        <source>Đến nhà</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1112" />
        <source>Qua điện thoại</source>
        <translation>By phone</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1125" />
        <source>Sửa bản ghi lúc {time}</source>
        <translation>Edit the record of {time}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1128" />
        <source>Ghi nhận hỗ trợ</source>
        <translation>Log help given</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1131" />
        <source>Sửa rồi bấm “Lưu thay đổi”.</source>
        <translation>Make the changes, then press “Save changes”.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1133" />
        <source>Số {label}. Chọn nhóm tuổi, giới tính rồi bấm “Lưu”.</source>
        <translation>Number {label}. Choose the age group and gender, then press “Save”.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1136" />
        <source>Chọn dịch vụ, nhóm tuổi, giới tính rồi bấm “Lưu”.</source>
        <translation>Choose the service, age group and gender, then press “Save”.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1139" />
        <source>Dịch vụ</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1139" />
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1140" />
        <location filename="../../ui/screens/quick_log.py" line="1158" />
        <source>Nhóm tuổi</source>
        <translation>Age group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1140" />
        <location filename="../../ui/screens/quick_log.py" line="1159" />
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1141" />
        <source>Hình thức</source>
        <translation>How</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1141" />
        <source>Lần đầu đến?</source>
        <translation>First visit?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1142" />
        <source>Nơi ở</source>
        <translation>Lives in</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1142" />
        <source>Hài lòng (1–5)</source>
        <translation>Satisfaction (1–5)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1143" />
        <source>Dân tộc</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1143" />
        <source>Liên hệ lại</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1144" />
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1161" />
        <source>Có, lần đầu</source>
        <translation>Yes, first time</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1162" />
        <source>Không, đã đến trước</source>
        <translation>No, came before</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1163" />
        <source>Mức hài lòng</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1167" />
        <source>Xã/phường</source>
        <translation>Commune/ward</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1168" />
        <source>Thôn/tổ dân phố</source>
        <translation>Villages/residential groups</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1169" />
        <source>Ghi chú ngắn</source>
        <translation>Short note</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1170" />
        <source>Ghi chú ngắn. Không ghi số giấy tờ, số điện thoại, mật khẩu hay mã OTP.</source>
        <translation>Short note. No ID numbers, phone numbers, passwords or OTP codes.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1173" />
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1173" />
        <source>Lưu lượt hỗ trợ này.</source>
        <translation>Save this help.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1174" />
        <location filename="../../ui/screens/quick_log.py" line="1177" />
        <source>Sửa bản ghi hôm nay</source>
        <translation>Edit today's records</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1175" />
        <source>Xem và sửa các bản ghi hôm nay.</source>
        <translation>See and edit today's records.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1176" />
        <source>Hủy sửa</source>
        <translation>Cancel edit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1176" />
        <source>Không lưu thay đổi.</source>
        <translation>Do not save the changes.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1178" />
        <source>Ghi lượt mới</source>
        <translation>Log a new help</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1178" />
        <source>Về biểu mẫu ghi mới.</source>
        <translation>Back to a new form.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1179" />
        <source>Sửa bản ghi này</source>
        <translation>Edit this record</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1180" />
        <source>Mở bản ghi đã chọn để sửa.</source>
        <translation>Open the chosen record to edit it.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1181" />
        <source>Xóa bản ghi này</source>
        <translation>Delete this record</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1182" />
        <source>Cán bộ xóa bản ghi, cần ghi lý do.</source>
        <translation>Staff delete the record; a reason is needed.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/quick_log.py" line="1183" />
        <source>Các bản ghi hôm nay</source>
        <translation>Today's records</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="675" />
        <source>Lượt người dân được hỗ trợ</source>
        <translation>Citizens helped</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="676" />
        <source>Số thứ tự đã phát</source>
        <translation>Queue numbers issued</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="677" />
        <source>Thời gian chờ (trung vị)</source>
        <translation>Waiting time (median)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="678" />
        <source>9/10 người chờ không quá</source>
        <translation>9 in 10 people waited at most</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="679" />
        <source>Vắng mặt khi gọi số</source>
        <translation>Absent when called</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="680" />
        <source>Lượt mở bài hướng dẫn</source>
        <translation>Tutorials opened</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="681" />
        <source>Lượt học hết bài</source>
        <translation>Tutorials finished</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="682" />
        <source>Tờ hướng dẫn đã in</source>
        <translation>How-to sheets printed</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="683" />
        <source>Mức hài lòng trung bình</source>
        <translation>Average satisfaction</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="687" />
        <location filename="../../ui/screens/staff_reports.py" line="777" />
        <source>Số lượt hỗ trợ theo ngày</source>
        <translation>Citizens helped per day</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="689" />
        <source>Theo dịch vụ</source>
        <translation>By service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="689" />
        <source>Theo kết quả</source>
        <translation>By outcome</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="690" />
        <source>Theo hình thức (tại điểm hỗ trợ / đến tận nhà)</source>
        <translation>By channel (help point / home visit)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="691" />
        <source>Theo thôn/tổ dân phố</source>
        <translation>By village</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="692" />
        <source>Theo độ tuổi và giới tính</source>
        <translation>By age and gender</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="693" />
        <source>Theo thành viên tổ</source>
        <translation>By team member</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="694" />
        <source>Người dân đánh giá</source>
        <translation>Citizens' ratings</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="695" />
        <source>Tờ hướng dẫn đã in, theo bài</source>
        <translation>Sheets printed, by tutorial</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="699" />
        <source>Bài hướng dẫn trên kiosk</source>
        <translation>Tutorials on the kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="701" />
        <source>Bài</source>
        <translation>Tutorial</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="701" />
        <source>Lượt mở</source>
        <translation>Opened</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="701" />
        <source>Học hết</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="701" />
        <source>Tỉ lệ</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="702" />
        <source>Hay dừng ở</source>
        <translation>Most stop at</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="703" />
        <source>Chưa có dữ liệu cho kỳ này. Hãy chọn kỳ khác, hoặc ghi lại các lượt hỗ trợ trên kiosk.</source>
        <translation>No data for this period yet. Choose another period, or record the help given on the kiosk.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="705" />
        <location filename="../../ui/screens/staff_reports.py" line="706" />
        <source>Chưa có dữ liệu</source>
        <translation>No data yet</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="745" />
        <source>{n} phút</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="746" />
        <source>chưa có số liệu</source>
        <translation>no figures yet</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="756" />
        <source>trong đó {n} bản ghi mẫu</source>
        <translation>of which {n} demo records</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="758" />
        <source>đã phục vụ xong {n}</source>
        <translation>{n} served</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="762" />
        <source>{p} số đã phát</source>
        <translation>{p} of numbers issued</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="766" />
        <source>tỉ lệ học hết {p}</source>
        <translation>{p} finished</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="772" />
        <source>{n} người trả lời</source>
        <translation>{n} answers</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="776" />
        <source>Số lượt hỗ trợ theo tháng</source>
        <translation>Citizens helped per month</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="790" />
        <source>Các thôn/tổ khác ({n})</source>
        <translation>Other villages ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="809" />
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="809" />
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="809" />
        <source>Bình thường</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="810" />
        <source>Mức 2</source>
        <translation>Level 2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="810" />
        <source>Chưa hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="818" />
        <source>bước {n}</source>
        <translation>step {n}</translation>
    </message>
</context>
<context>
    <name>SatisfactionFaces</name>
    <message>
        <location filename="../../ui/widgets/satisfaction.py" line="34" />
        <source>Rất hài lòng</source>
        <extracomment>(score on the 1–5 scale, words under the face). "Chưa hài lòng" is the bottom of the scale (1), not 2: a report average must not make unhappy citizens look half-happy.</extracomment>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/satisfaction.py" line="35" />
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/satisfaction.py" line="36" />
        <source>Bình thường</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/satisfaction.py" line="37" />
        <source>Chưa hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/satisfaction.py" line="119" />
        <source>Bạn có hài lòng với sự hỗ trợ hôm nay không? Chạm vào một khuôn mặt.</source>
        <translation>Were you happy with the help today? Touch a face.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/satisfaction.py" line="123" />
        <source>Chọn mức hài lòng này.</source>
        <translation>Choose this level.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/satisfaction.py" line="124" />
        <source>Bỏ qua</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/satisfaction.py" line="124" />
        <source>Không đánh giá lần này.</source>
        <translation>Do not rate this time.</translation>
    </message>
</context>
<context>
    <name>SheetPreviewScreen</name>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="278" />
        <source>In tờ hướng dẫn: {title}</source>
        <translation>Print how-to sheet: {title}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="279" />
        <source>Chọn cách in (không bắt buộc):</source>
        <translation>Printing options (optional):</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="280" />
        <source>Chữ to</source>
        <translation>Large print</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="280" />
        <source>In chữ to hơn, dễ đọc hơn.</source>
        <translation>Print larger text that is easier to read.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="281" />
        <source>Khổ A5</source>
        <translation>A5 size</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="281" />
        <source>In khổ giấy nhỏ, bằng nửa tờ A4.</source>
        <translation>Print on small paper, half an A4 sheet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="283" />
        <source>Hoặc lưu lại để in ở nơi khác:</source>
        <translation>Or save it to print somewhere else:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="284" />
        <source>Cho phép in thêm</source>
        <translation>Allow more prints</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="285" />
        <source>Cán bộ cho phép in thêm trong hôm nay.</source>
        <translation>Staff allow more prints today.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="287" />
        <location filename="../../ui/screens/sheet_preview.py" line="344" />
        <source>Trang {n} của tờ hướng dẫn</source>
        <translation>Page {n} of the how-to sheet</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="297" />
        <source>Xem trước tờ hướng dẫn {title}. Nếu muốn, chọn Chữ to hoặc Khổ A5, rồi bấm In.</source>
        <translation>Preview of the how-to sheet {title}. If you like, choose Large print or A5 size, then press Print.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="356" />
        <source>Chưa chuẩn bị được tờ hướng dẫn. Vui lòng hỏi tình nguyện viên.</source>
        <translation>The how-to sheet could not be prepared. Please ask a volunteer.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="364" />
        <source>Đang chuẩn bị tờ hướng dẫn…</source>
        <translation>Preparing the how-to sheet…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="366" />
        <source>Chưa xem trước được tờ hướng dẫn.</source>
        <translation>The how-to sheet cannot be previewed.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="377" />
        <source>{n} trang, khổ {size}.</source>
        <translation>{n} pages, {size} size.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="381" />
        <source>Hôm nay còn in được {n} tờ.</source>
        <translation>{n} more sheets can be printed today.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="445" />
        <source>Đang in… Vui lòng chờ.</source>
        <translation>Printing… Please wait.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="457" />
        <source>Hôm nay đã in hết số tờ cho phép. Vui lòng hỏi tình nguyện viên.</source>
        <translation>Today's printing allowance is used up. Please ask a volunteer.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="471" />
        <source>Đã in xong. Mời bạn lấy tờ hướng dẫn ở máy in.</source>
        <translation>Printed. Please collect your how-to sheet from the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="492" />
        <source>Chưa in được: máy in đang gặp sự cố.</source>
        <translation>Could not print: the printer has a problem.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="524" />
        <source>Đã cho phép in thêm {n} tờ trong hôm nay. Bấm “In” để in.</source>
        <translation>{n} more sheets allowed today. Press “Print” to print.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="545" />
        <source>Lưu tệp PDF vào {folder}.</source>
        <translation>Save the PDF file to {folder}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="557" />
        <source>In lại</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="557" />
        <source>In</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="558" />
        <source>In tờ hướng dẫn để mang về nhà.</source>
        <translation>Print the how-to sheet to take home.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="563" />
        <source>Lưu vào USB “{name}”</source>
        <translation>Save to USB “{name}”</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="564" />
        <source>Lưu vào thư mục “{name}”</source>
        <translation>Save to folder “{name}”</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="579" />
        <source>Đã lưu tờ hướng dẫn vào: {path}</source>
        <translation>How-to sheet saved to: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sheet_preview.py" line="587" />
        <source>Chưa lưu được tệp. Hãy thử USB khác hoặc hỏi tình nguyện viên.</source>
        <translation>The file could not be saved. Try another USB drive or ask a volunteer.</translation>
    </message>
</context>
<context>
    <name>StaffPlacesTab</name>
    <message>
        <location filename="../../ui/features/places.py" line="23" />
        <location filename="../../ui/screens/staff_places.py" line="843" />
        <source>Thôn/tổ dân phố</source>
        <translation>Villages/residential groups</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="213" />
        <source>{unit} (trước đây: {names})</source>
        <translation>{unit} (formerly: {names})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="581" />
        <source>Chưa có danh sách xã/phường/đặc khu trên máy này: tệp {file} có lỗi. Hãy chạy lệnh “help-kiosk places check” để xem lỗi, sửa tệp rồi mở lại kiosk.</source>
        <translation>There is no commune list on this machine yet: the file {file} has errors. Run “help-kiosk places check” to see them, fix the file and restart the kiosk.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="606" />
        <source>Phần Cài đặt chưa ghi xã/phường của điểm hỗ trợ; hãy ghi ở thẻ “Cài đặt”, ví dụ “Hải Vân”.</source>
        <translation>The settings do not name the help point's commune yet; enter it in the “Settings” tab, e.g. “Hải Vân”.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="608" />
        <source>Cài đặt ghi xã/phường “{name}”, không có trong danh sách. Hãy sửa ở thẻ “Cài đặt”, ví dụ ghi “Hải Vân”.</source>
        <translation>The settings name the commune “{name}”, which is not in the list. Correct it in the “Settings” tab, e.g. “Hải Vân”.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="613" />
        <source>Điểm hỗ trợ thuộc &lt;b&gt;{unit}&lt;/b&gt;</source>
        <translation>This help point is in &lt;b&gt;{unit}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="615" />
        <source>(cài đặt ghi “{name}”, tên trước 1/7/2025)</source>
        <translation>(settings say “{name}”, a name from before 1/7/2025)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="619" />
        <source>Trước 1/7/2025 gồm: {names}.</source>
        <translation>Before 1/7/2025 it was: {names}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="629" />
        <source>từ {day}</source>
        <translation>from {day}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="659" />
        <source>thôn</source>
        <translation>village</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="659" />
        <source>tổ dân phố</source>
        <translation>residential group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="683" />
        <source>Chạm vào một dòng trong danh sách để đổi tên hoặc ngừng dùng.</source>
        <translation>Tap a row in the list to rename it or stop using it.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="686" />
        <source>Đã chọn: {label}</source>
        <translation>Selected: {label}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="710" />
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="719" />
        <source>Hãy chọn xã/phường/đặc khu trước.</source>
        <translation>Choose a commune/ward/special zone first.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="730" />
        <source>Đã thêm {village} vào {commune}, dùng từ ngày {day}.</source>
        <translation>Added {village} to {commune}, in use from {day}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="734" />
        <source>Đến ngày đó mới có trong danh sách để chọn.</source>
        <translation>It will appear in the list from that day.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="743" />
        <source>Hãy chạm chọn một thôn/tổ dân phố trong danh sách trước.</source>
        <translation>First tap a village/residential group in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="757" />
        <source>Từ ngày {day}, {old} có tên mới là “{new}”. Tên cũ “{name}” vẫn được giữ: bản ghi và báo cáo trước ngày đó vẫn dùng tên cũ.</source>
        <translation>From {day}, {old} is named “{new}”. The old name “{name}” is kept: records and reports before that day still use it.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="778" />
        <source>{label} dùng đến hết ngày {last}; từ ngày {next} không còn trong danh sách để chọn. Bản ghi cũ vẫn giữ tên này.</source>
        <translation>{label} is in use until the end of {last}; from {next} it is no longer offered in the list. Earlier records keep this name.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="787" />
        <source>Ngừng dùng {label} sau ngày {last}? Từ ngày {next}, tên này không còn trong danh sách để chọn; bản ghi cũ vẫn giữ tên này.</source>
        <translation>Stop using {label} after {last}? From {next} it is no longer offered in the list; earlier records keep this name.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="790" />
        <source>Ngừng dùng thôn/tổ dân phố</source>
        <translation>Stop using a village/residential group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="791" />
        <location filename="../../ui/screens/staff_places.py" line="882" />
        <source>Ngừng dùng</source>
        <translation>Stop using</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="834" />
        <source>Xem đơn vị:</source>
        <translation>View unit:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="835" />
        <source>Chọn xã/phường/đặc khu để xem</source>
        <translation>Choose a commune/ward/special zone to view</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="836" />
        <source>Gõ tên xã/phường/đặc khu để tìm</source>
        <translation>Type a commune/ward/special zone name to search</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="837" />
        <source>Các xã/phường/đặc khu tìm được</source>
        <translation>Matching communes/wards/special zones</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="838" />
        <source>Gõ vài chữ, ví dụ: hai van</source>
        <translation>Type a few letters, e.g. hai van</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="840" />
        <source>Gõ vài chữ, có dấu hay không dấu đều được: gõ “hai” sẽ thấy Hải Vân.</source>
        <translation>Type a few letters, with or without accents: “hai” finds Hải Vân.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="846" />
        <source>Thôn/tổ dân phố của {unit} đang dùng hôm nay ({day})</source>
        <translation>Villages/residential groups of {unit} in use today ({day})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="848" />
        <location filename="../../ui/screens/staff_places.py" line="855" />
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="848" />
        <location filename="../../ui/screens/staff_places.py" line="858" />
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="849" />
        <source>Tên cũ</source>
        <translation>Former names</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="849" />
        <source>Thời gian dùng</source>
        <translation>In use</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="850" />
        <source>Danh sách thôn/tổ dân phố đang dùng</source>
        <translation>Villages/residential groups in use</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="851" />
        <source>Chưa có thôn/tổ dân phố nào. Hãy thêm ở phía dưới.</source>
        <translation>No villages/residential groups yet. Add one below.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="853" />
        <source>Hãy chọn một xã/phường/đặc khu ở ô “Xem đơn vị” phía trên.</source>
        <translation>Choose a commune/ward/special zone in the “View unit” box above.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="854" />
        <source>Thêm thôn/tổ dân phố</source>
        <translation>Add a village/residential group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="856" />
        <source>Tên thôn/tổ dân phố mới</source>
        <translation>Name of the new village/residential group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="857" />
        <source>Ví dụ: Nam Mỹ</source>
        <translation>For example: Nam Mỹ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="859" />
        <source>Loại: thôn hay tổ dân phố</source>
        <translation>Kind: village or residential group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="862" />
        <source>Tên cũ, nếu có</source>
        <translation>Former names, if any</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="863" />
        <source>Tên cũ của thôn/tổ dân phố mới</source>
        <translation>Former names of the new village/residential group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="864" />
        <source>Cách nhau bằng dấu phẩy</source>
        <translation>Separated by commas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="866" />
        <source>Dùng từ ngày</source>
        <translation>In use from</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="867" />
        <source>Thôn/tổ dân phố mới dùng từ ngày</source>
        <translation>New village/residential group in use from</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="868" />
        <source>Thêm vào danh sách</source>
        <translation>Add to the list</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="869" />
        <source>Thêm thôn/tổ dân phố này vào danh sách của địa bàn.</source>
        <translation>Adds this village/residential group to the area's list.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="874" />
        <source>Tên mới</source>
        <translation>New name</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="875" />
        <source>Tên mới của thôn/tổ dân phố đã chọn</source>
        <translation>New name of the selected village/residential group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="876" />
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="877" />
        <source>Dùng tên mới từ ngày</source>
        <translation>Use the new name from</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="878" />
        <source>Đổi tên</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="879" />
        <source>Đổi tên thôn/tổ dân phố đã chọn; tên cũ vẫn được giữ.</source>
        <translation>Renames the selected village/residential group; the old name is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="880" />
        <source>Ngày cuối còn dùng</source>
        <translation>Last day in use</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="881" />
        <source>Ngày cuối còn dùng thôn/tổ dân phố đã chọn</source>
        <translation>Last day the selected village/residential group is in use</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="883" />
        <source>Thôi đưa thôn/tổ dân phố đã chọn vào danh sách sau ngày cuối.</source>
        <translation>Removes the selected village/residential group from the list after its last day.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="887" />
        <source>Danh sách {n} xã/phường/đặc khu của thành phố Đà Nẵng (từ 1/7/2025, không còn cấp quận/huyện) là dữ liệu chính thức trong tệp resources/lists/{file}.</source>
        <translation>The list of Da Nang's {n} communes/wards/special zones (from 1/7/2025; there are no districts any more) is official data in the file resources/lists/{file}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="890" />
        <source>Chỉ sửa tệp đó bằng trình soạn thảo văn bản, rồi kiểm tra bằng lệnh “help-kiosk places check”.</source>
        <translation>Edit that file only with a text editor, then check it with “help-kiosk places check”.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_places.py" line="893" />
        <source>Danh sách thôn/tổ dân phố là của riêng điểm hỗ trợ: sửa ngay tại đây. Mọi thay đổi được ghi vào nhật ký.</source>
        <translation>The village/residential group list belongs to this help point: edit it here. Every change is logged.</translation>
    </message>
</context>
<context>
    <name>StaffRecordsTab</name>
    <message>
        <location filename="../../ui/features/records.py" line="62" />
        <source>Hồ sơ &amp; dữ liệu cá nhân</source>
        <translation>Records &amp; personal data</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="213" />
        <source>Đang làm…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="228" />
        <source>Có {n} bản ghi lưu số điện thoại này.</source>
        <translation>{n} records keep this phone number.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="230" />
        <source>Không có bản ghi nào lưu số điện thoại này.</source>
        <translation>No record keeps this phone number.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="261" />
        <source>Chọn thư mục để lưu dữ liệu của người dân</source>
        <translation>Choose a folder for the citizen's data</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="276" />
        <source>Đã xuất {n} bản ghi vào “{csv}” và “{json}”. Tệp có thông tin cá nhân: hãy trao cho đúng người và xóa khỏi máy sau đó.</source>
        <translation>Exported {n} records to “{csv}” and “{json}”. The files hold personal data: give them only to the right person and delete them from the machine afterwards.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="293" />
        <source>Đã xóa họ tên, số điện thoại, ghi chú và dân tộc trên {n} bản ghi. Phần không nêu tên vẫn được giữ để thống kê.</source>
        <translation>Erased the name, phone number, note and ethnic group on {n} records. The anonymous rest is kept for statistics.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="299" />
        <source>Xóa dữ liệu cá nhân</source>
        <translation>Erase personal data</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="300" />
        <source>Xóa thông tin cá nhân của người này trên {n} bản ghi? Việc này không hoàn tác được.</source>
        <translation>Erase this person's personal details on {n} records? This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="302" />
        <source>Xóa dữ liệu</source>
        <translation>Erase data</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="322" />
        <source>Đã xóa bản ghi.</source>
        <translation>The record is deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="327" />
        <location filename="../../ui/screens/staff_records.py" line="329" />
        <location filename="../../ui/screens/staff_records.py" line="412" />
        <source>Xóa bản ghi</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="328" />
        <source>Xóa bản ghi này? Bản ghi sẽ không còn trong báo cáo. Hãy ghi lý do.</source>
        <translation>Delete this record? It will no longer count in reports. Write a reason.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="333" />
        <source>Chọn gói dữ liệu trên USB</source>
        <translation>Choose the data bundle on the USB stick</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="342" />
        <source>Đã thêm {a}, cập nhật {u}, bỏ qua {k} bản ghi (đã có).</source>
        <translation>Added {a}, updated {u}, skipped {k} records (already here).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="345" />
        <source>Thêm {d} ngày hoạt động và {v} thành viên mới (chưa có mã PIN trên máy này).</source>
        <translation>Added {d} activity days and {v} new members (no PIN on this machine yet).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="351" />
        <source>Chọn USB hoặc thư mục để lưu gói dữ liệu</source>
        <translation>Choose a USB stick or folder for the data bundle</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="361" />
        <source>Đã xuất {n} bản ghi, {d} ngày hoạt động vào “{path}”. Tệp có thông tin cá nhân: giữ cẩn thận và xóa khỏi USB sau khi nhập xong.</source>
        <translation>Exported {n} records and {d} activity days to “{path}”. The file holds personal data: keep it safe and delete it from the USB stick after importing.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="374" />
        <source>Đã xóa thông tin liên hệ của {n} bản ghi đã giữ quá {d} ngày. Các bản ghi vẫn được giữ để thống kê.</source>
        <translation>Erased the contact details of {n} records kept longer than {d} days. The records stay for statistics.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="399" />
        <source>Yêu cầu của người dân về dữ liệu cá nhân</source>
        <translation>Citizens' requests about their personal data</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="401" />
        <source>Tìm theo số điện thoại người dân đã cho lưu. Có thể xuất dữ liệu cho họ, hoặc xóa khi họ yêu cầu. Mọi việc đều được ghi vào nhật ký.</source>
        <translation>Search by the phone number the citizen allowed us to keep. You can export their data for them, or erase it when they ask. Everything is recorded in the log.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="403" />
        <source>Số điện thoại, ví dụ 0905 123 456</source>
        <translation>Phone number, e.g. 0905 123 456</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="404" />
        <source>Số điện thoại cần tìm</source>
        <translation>Phone number to search</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="405" />
        <source>Tìm</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="405" />
        <source>Tìm các bản ghi lưu số này.</source>
        <translation>Find the records that keep this number.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="406" />
        <source>Các bản ghi tìm được</source>
        <translation>Records found</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="407" />
        <source>Xuất cho người này</source>
        <translation>Export for this person</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="408" />
        <source>Lưu dữ liệu của người này ra tệp.</source>
        <translation>Save this person's data to a file.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="409" />
        <source>Xóa dữ liệu người này</source>
        <translation>Erase this person's data</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="410" />
        <source>Xóa thông tin cá nhân trên mọi bản ghi của họ.</source>
        <translation>Erase the personal details on all their records.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="411" />
        <source>Sửa bản ghi</source>
        <translation>Edit record</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="411" />
        <source>Mở bản ghi đã chọn để sửa.</source>
        <translation>Open the chosen record to edit it.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="413" />
        <source>Xóa bản ghi đã chọn, cần ghi lý do.</source>
        <translation>Delete the chosen record; a reason is needed.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="414" />
        <source>Gói dữ liệu của tổ lưu động</source>
        <translation>Mobile team data bundles</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="416" />
        <source>Nhập gói từ USB của máy tổ lưu động. Gói hỏng hoặc bị sửa sẽ bị từ chối, không ghi gì vào máy này.</source>
        <translation>Import a bundle from the mobile team's USB stick. A damaged or altered bundle is refused and nothing is written to this machine.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="418" />
        <source>Nhập gói từ USB</source>
        <translation>Import bundle from USB</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="419" />
        <source>Chọn tệp gói dữ liệu để gộp vào máy này.</source>
        <translation>Choose a bundle file to merge into this machine.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="420" />
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="421" />
        <source>Xuất gói từ ngày</source>
        <translation>Export bundle from date</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="422" />
        <source>Xuất gói</source>
        <translation>Export bundle</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="423" />
        <source>Lưu các bản ghi từ ngày đã chọn ra USB.</source>
        <translation>Save the records since the chosen date to USB.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="424" />
        <source>Thời hạn lưu thông tin liên hệ</source>
        <translation>How long contact details are kept</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="426" />
        <source>Họ tên và số điện thoại được giữ {d} ngày kể từ khi người dân đồng ý, sau đó bị xóa (kiosk tự làm mỗi lần mở).</source>
        <translation>Names and phone numbers are kept {d} days from the citizen's consent, then erased (the kiosk does this each time it starts).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="429" />
        <source>Xóa thông tin liên hệ quá hạn</source>
        <translation>Erase expired contact details</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_records.py" line="430" />
        <source>Xóa ngay họ tên, số điện thoại đã quá thời hạn.</source>
        <translation>Erase names and phone numbers past their time now.</translation>
    </message>
</context>
<context>
    <name>StaffReports</name>
    <message>
        <location filename="../../ui/features/reports.py" line="30" />
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/features/reports.py" line="31" />
        <source>Hỗ trợ kinh phí</source>
        <translation>Allowance</translation>
    </message>
    <message>
        <location filename="../../ui/features/reports.py" line="32" />
        <source>Xuất dữ liệu</source>
        <translation>Export data</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="153" />
        <source>Tháng {m}/{y}</source>
        <translation>Month {m}/{y}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="568" />
        <source>Có dữ liệu mẫu (demo)</source>
        <translation>Includes demo data</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="570" />
        <source>Số liệu có dữ liệu mẫu dùng để tập huấn: không dùng để báo cáo chính thức.</source>
        <translation>These figures include demo data for training: do not use them for official reports.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_reports.py" line="589" />
        <source>Đang tính…</source>
        <translation>Calculating…</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../ui/screens/staff.py" line="249" />
        <source>Quản lý điểm hỗ trợ</source>
        <translation>Help point management</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="258" />
        <source>Quản lý điểm hỗ trợ.</source>
        <translation>Help point management.</translation>
    </message>
</context>
<context>
    <name>StaffSheetsTab</name>
    <message>
        <location filename="../../ui/features/sheets.py" line="27" />
        <source>Tờ hướng dẫn</source>
        <translation>How-to sheets</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="184" />
        <source>Chọn bài hướng dẫn:</source>
        <translation>Choose tutorials:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="185" />
        <source>Khổ giấy</source>
        <translation>Paper size</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="186" />
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="187" />
        <source>Cách xuất</source>
        <translation>Output</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="188" />
        <source>Thư mục lưu</source>
        <translation>Save folder</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="189" />
        <source>Chữ to</source>
        <translation>Large print</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="189" />
        <source>In chữ to hơn, ít bước hơn mỗi trang.</source>
        <translation>Larger text, fewer steps per page.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="190" />
        <source>Một tập (sổ tay có mục lục)</source>
        <translation>One booklet (with contents)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="191" />
        <source>Mỗi bài một tệp PDF</source>
        <translation>One PDF per tutorial</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="192" />
        <source>Chọn thư mục…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="193" />
        <source>Chọn nơi lưu các tệp PDF.</source>
        <translation>Choose where to save the PDF files.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="194" />
        <location filename="../../ui/screens/staff_sheets.py" line="371" />
        <source>Xuất PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="194" />
        <source>Ghi các tờ hướng dẫn đã chọn thành tệp PDF.</source>
        <translation>Write the chosen how-to sheets as PDF files.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="224" />
        <source>Hôm nay đã in {printed}/{quota} tờ hướng dẫn được phép (còn {remaining} tờ).</source>
        <translation>Printed today: {printed}/{quota} allowed how-to sheets ({remaining} left).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="229" />
        <source>Hạn mức hôm nay đã được cán bộ thay đổi (thường ngày: {n} tờ).</source>
        <translation>Today's allowance was changed by staff (usually {n} sheets).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="231" />
        <source>Xuất PDF không tính vào số này.</source>
        <translation>PDF exports do not count towards this.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="267" />
        <source>Bỏ chọn tất cả</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="267" />
        <source>Bỏ chọn mọi bài.</source>
        <translation>Untick every tutorial.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="269" />
        <source>Chọn tất cả</source>
        <translation>Select all</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="269" />
        <source>Chọn mọi bài hướng dẫn.</source>
        <translation>Tick every tutorial.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="278" />
        <source>Chọn thư mục lưu tệp PDF</source>
        <translation>Choose a folder for the PDF files</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="289" />
        <source>Hãy chọn ít nhất một bài hướng dẫn.</source>
        <translation>Choose at least one tutorial.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="293" />
        <source>Hãy chọn thư mục lưu tệp PDF.</source>
        <translation>Choose a folder for the PDF files.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="334" />
        <location filename="../../ui/screens/staff_sheets.py" line="368" />
        <source>Đang xuất… {p}%</source>
        <translation>Exporting… {p}%</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="341" />
        <source>Đã ghi sổ tay ({pages} trang):</source>
        <translation>Booklet written ({pages} pages):</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="344" />
        <source>Đã ghi {n} tệp PDF ({pages} trang):</source>
        <translation>{n} PDF files written ({pages} pages):</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff_sheets.py" line="357" />
        <source>Không xuất được tệp PDF. Hãy thử lại hoặc chọn thư mục khác.</source>
        <translation>The PDF could not be exported. Try again or choose another folder.</translation>
    </message>
</context>
<context>
    <name>StepPlayerScreen</name>
    <message>
        <location filename="../../ui/screens/step_player.py" line="170" />
        <source>Về bước trước.</source>
        <translation>Go to the previous step.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="170" />
        <source>Bước trước</source>
        <translation>Previous step</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="171" />
        <source>Nghe lại</source>
        <translation>Listen again</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="171" />
        <source>Đọc to bước này.</source>
        <translation>Read this step aloud.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="172" />
        <source>Hỏi tình nguyện viên</source>
        <translation>Ask a volunteer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="173" />
        <source>Nhờ tình nguyện viên giúp ở bước này.</source>
        <translation>Ask a volunteer to help with this step.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="179" />
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="179" />
        <source>Bước tiếp</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="180" />
        <source>Kết thúc bài hướng dẫn.</source>
        <translation>Finish the guide.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="181" />
        <source>Sang bước tiếp theo.</source>
        <translation>Go to the next step.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="183" />
        <source>Bước {n}/{total}</source>
        <translation>Step {n}/{total}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="191" />
        <source>Không có hình</source>
        <translation>No picture</translation>
    </message>
</context>
<context>
    <name>TakeTicketScreen</name>
    <message>
        <location filename="../../ui/screens/ticket.py" line="189" />
        <location filename="../../ui/screens/ticket.py" line="239" />
        <source>Lấy số cho việc này.</source>
        <translation>Take a number for this.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="195" />
        <source>Hiện chưa lấy số được. Vui lòng giơ tay hoặc đến bàn hỗ trợ, tình nguyện viên sẽ giúp bạn.</source>
        <translation>Numbers cannot be taken right now. Please raise your hand or come to the help desk; a volunteer will help you.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="204" />
        <source>Đang lấy số…</source>
        <translation>Taking a number…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="234" />
        <source>Lấy số thứ tự: bạn cần hỗ trợ việc gì?</source>
        <translation>Take a number: what do you need help with?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="243" />
        <source>Lấy số thứ tự. Chọn việc bạn cần: {names}.</source>
        <translation>Take a number. Choose what you need: {names}.</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../ui/screens/ticket.py" line="393" />
        <source>Chạm lần nữa để hủy số</source>
        <translation>Touch again to cancel</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="394" />
        <source>Chạm lần nữa để trả lại số này.</source>
        <translation>Touch again to give this number back.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="410" />
        <location filename="../../ui/screens/ticket.py" line="433" />
        <source>Hủy số này</source>
        <translation>Cancel this number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="411" />
        <location filename="../../ui/screens/ticket.py" line="434" />
        <source>Trả lại số này nếu bạn không cần chờ nữa.</source>
        <translation>Give this number back if you no longer need to wait.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="430" />
        <source>Xong, về màn hình chính</source>
        <translation>Done, back to the start</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="431" />
        <source>Về màn hình chính. Hãy giữ phiếu số của bạn.</source>
        <translation>Back to the start. Keep your ticket.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="438" />
        <source>SỐ CỦA BẠN</source>
        <translation>YOUR NUMBER</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="440" />
        <source>Số của bạn: {label}</source>
        <translation>Your number: {label}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="450" />
        <source>Lấy số lúc {time}</source>
        <translation>Taken at {time}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="452" />
        <source>Không có ai chờ trước bạn.</source>
        <translation>Nobody is waiting ahead of you.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="454" />
        <source>Có {n} người chờ trước bạn.</source>
        <translation>{n} people are waiting ahead of you.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="456" />
        <source>Chờ khoảng {m} phút.</source>
        <translation>Wait about {m} minutes.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="458" />
        <source>Chờ khoảng vài phút.</source>
        <translation>Wait a few minutes.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="467" />
        <source>Đã hủy số {label}. Cảm ơn bạn. Bạn có thể lấy số khác khi cần.</source>
        <translation>Number {label} is cancelled. Thank you. You can take another number when you need one.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="471" />
        <source>Máy in đang gặp sự cố, vui lòng nhớ số của bạn</source>
        <translation>The printer has a problem, please remember your number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="476" />
        <source>Mời bạn lấy phiếu số ở máy in và ngồi chờ gọi số.</source>
        <translation>Please take your ticket from the printer and wait to be called.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="479" />
        <source>Đang in phiếu số…</source>
        <translation>Printing your ticket…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="489" />
        <source>Quét mã để mở trang chính thức:</source>
        <translation>Scan to open the official site:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="491" />
        <source>Mã QR đến trang chính thức {address}</source>
        <translation>QR code to the official site {address}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="500" />
        <source>Số của bạn là {words}. {words}.</source>
        <translation>Your number is {words}. {words}.</translation>
    </message>
</context>
<context>
    <name>VolunteerConsoleScreen</name>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="226" />
        <location filename="../../ui/screens/volunteer_console.py" line="353" />
        <location filename="../../ui/screens/volunteer_console.py" line="457" />
        <source>Hãy chọn bàn của bạn trước.</source>
        <translation>Choose your desk first.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="266" />
        <source>Chưa chọn bàn</source>
        <translation>No desk chosen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="268" />
        <source>Bàn {desk} đang phục vụ:</source>
        <translation>Desk {desk} is serving:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="272" />
        <source>Chưa phục vụ số nào</source>
        <translation>Not serving a number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="273" />
        <source>Bấm “Gọi số tiếp theo” để mời người tiếp theo.</source>
        <translation>Press “Call next number” to invite the next person.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="277" />
        <source>Đang phục vụ số {label}</source>
        <translation>Serving number {label}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="283" />
        <source>Đã gọi lại {n} lần</source>
        <translation>Called again {n} times</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="289" />
        <source>Cần giúp: {title}, bước {step}</source>
        <translation>Needs help: {title}, step {step}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="291" />
        <source>Cần giúp: {title}</source>
        <translation>Needs help: {title}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="298" />
        <source>Đang chờ: {n} người</source>
        <translation>Waiting: {n} people</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="304" />
        <source>đã chờ {m} phút</source>
        <translation>waited {m} minutes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="315" />
        <source>Chưa có ai đang chờ. Khi có người lấy số, số sẽ hiện ở đây.</source>
        <translation>Nobody is waiting. When someone takes a number, it appears here.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="346" />
        <source>Bạn đang ở bàn {desk}.</source>
        <translation>You are at desk {desk}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="376" />
        <source>Đã mời số {label} đến bàn {desk}.</source>
        <translation>Called number {label} to desk {desk}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="388" />
        <source>Đã gọi lại số {label} (lần {n}).</source>
        <translation>Called number {label} again (time {n}).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="400" />
        <source>Đã ghi số {label} vắng mặt. Bạn có thể gọi số tiếp theo.</source>
        <translation>Number {label} marked absent. You can call the next number.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="439" />
        <source>Đã xong số {label}.</source>
        <translation>Number {label} is done.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="441" />
        <source>Cảm ơn bạn đã đánh giá.</source>
        <translation>Thank you for rating.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="449" />
        <source>Hãy chọn một số trong danh sách chờ, hoặc gọi một số trước, rồi bấm “Chuyển dịch vụ”.</source>
        <translation>Choose a number in the waiting list, or call a number first, then press “Change service”.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="464" />
        <source>Chuyển số {label} sang dịch vụ nào?</source>
        <translation>Move number {label} to which service?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="467" />
        <source>Người đến trực tiếp cần hỗ trợ việc gì?</source>
        <translation>What does the walk-in person need help with?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="468" />
        <source>Thôi, quay lại</source>
        <translation>Never mind, go back</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="499" />
        <source>Đã chuyển số {label} sang “{service}”. Số vẫn giữ chỗ trong hàng chờ.</source>
        <translation>Moved number {label} to “{service}”. It keeps its place in the queue.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="512" />
        <source>Đang phục vụ người đến trực tiếp với số {label}.</source>
        <translation>Serving a walk-in with number {label}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="528" />
        <source>Bàn tình nguyện viên</source>
        <translation>Volunteer desk</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="529" />
        <source>Bàn của tôi:</source>
        <translation>My desk:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="531" />
        <source>Bàn {desk}</source>
        <translation>Desk {desk}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="532" />
        <source>Chọn bàn bạn đang ngồi.</source>
        <translation>Choose the desk you are sitting at.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="533" />
        <source>Mở màn hình gọi số</source>
        <translation>Open the now-serving display</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="534" />
        <source>Mở màn hình số đang phục vụ cho người chờ xem.</source>
        <translation>Open the now-serving display for people waiting.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="535" />
        <source>Gọi số tiếp theo</source>
        <translation>Call next number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="536" />
        <source>Mời người chờ lâu nhất đến bàn của bạn.</source>
        <translation>Invite the person who has waited longest to your desk.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="537" />
        <source>Gọi lại</source>
        <translation>Call again</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="537" />
        <source>Gọi lại số đang phục vụ.</source>
        <translation>Call the current number again.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="538" />
        <source>Vắng mặt</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="539" />
        <source>Người này không đến sau khi đã gọi lại.</source>
        <translation>This person did not come after being called again.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="540" />
        <source>Chuyển dịch vụ</source>
        <translation>Change service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="541" />
        <source>Chuyển số sang dịch vụ khác, giữ chỗ chờ.</source>
        <translation>Move the number to another service, keeping its place.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="542" />
        <source>Phục vụ người không có số</source>
        <translation>Serve someone without a number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="543" />
        <source>Cấp số cho người đến thẳng bàn và phục vụ ngay.</source>
        <translation>Give a number to someone who came straight to the desk and serve them now.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="544" />
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="544" />
        <source>Kết thúc lượt hỗ trợ này.</source>
        <translation>Finish this help session.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/volunteer_console.py" line="554" />
        <source>Bàn tình nguyện viên.</source>
        <translation>Volunteer desk.</translation>
    </message>
</context>
</TS>