<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="vi_VN">
<context>
    <name>CatalogueScreen</name>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="58" />
        <source>Gõ để tìm bài hướng dẫn (dành cho tình nguyện viên)</source>
        <translation>Type to find a guide (for volunteers)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="59" />
        <source>Tìm bài hướng dẫn</source>
        <translation>Find a guide</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="73" />
        <source>Kết quả tìm kiếm</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="75" />
        <source>In hướng dẫn: chọn chủ đề</source>
        <translation>Print a guide: choose a topic</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="76" />
        <source>Học từng bước: chọn chủ đề</source>
        <translation>Learn step by step: choose a topic</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="84" />
        <source>{n} bài hướng dẫn.</source>
        <translation>{n} guides.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="96" />
        <source>khoảng {n} phút</source>
        <translation>about {n} minutes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="97" />
        <source>In tờ hướng dẫn này.</source>
        <translation>Print this guide sheet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/catalogue.py" line="98" />
        <source>Mở hướng dẫn từng bước.</source>
        <translation>Open the step-by-step guide.</translation>
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
        <translation>Print a guide sheet to take home.</translation>
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
        <location filename="../../ui/shell.py" line="136" />
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="136" />
        <source>Về màn hình trước.</source>
        <translation>Go to the previous screen.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="137" />
        <source>Màn hình chính</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="137" />
        <source>Về màn hình đầu tiên.</source>
        <translation>Go to the first screen.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="138" />
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="139" />
        <source>Kết thúc phiên của tình nguyện viên.</source>
        <translation>End the volunteer session.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="141" />
        <source>Đổi ngôn ngữ.</source>
        <translation>Change the language.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="142" />
        <source>Cỡ chữ</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="142" />
        <source>Đổi cỡ chữ to hơn hoặc nhỏ hơn.</source>
        <translation>Make the text bigger or smaller.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="143" />
        <source>Tương phản</source>
        <translation>Contrast</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="143" />
        <source>Đổi màu dễ nhìn hơn.</source>
        <translation>Switch to colours that are easier to see.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="144" />
        <source>Bật hoặc tắt đọc to.</source>
        <translation>Turn reading aloud on or off.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="145" />
        <location filename="../../ui/shell.py" line="146" />
        <source>Đọc to</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="150" />
        <source>Đang đăng nhập: {name}</source>
        <translation>Signed in: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="200" />
        <source>Thông báo</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="205" />
        <location filename="../../ui/shell.py" line="207" />
        <source>Đã hiểu</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="152" />
        <source>Vui lòng giơ tay hoặc đến bàn hỗ trợ, tình nguyện viên sẽ giúp bạn ngay.</source>
        <translation>Please raise your hand or come to the help desk; a volunteer will help you right away.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="231" />
        <source>Đã bật đọc to. Chạm một lần để nghe, chạm lần nữa để chọn.</source>
        <translation>Reading aloud is on. Touch once to hear, touch again to choose.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="312" />
        <source>Cài đặt có vấn đề</source>
        <translation>Settings problem</translation>
    </message>
</context>
<context>
    <name>PinPadScreen</name>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="63" />
        <location filename="../../ui/screens/pin_pad.py" line="81" />
        <source>một chữ số</source>
        <translation>one digit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="77" />
        <source>Nhập mã PIN của tình nguyện viên hoặc cán bộ</source>
        <translation>Enter a volunteer or staff PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="78" />
        <source>Xóa</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="78" />
        <source>Xóa các số đã nhập.</source>
        <translation>Clear the digits entered.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="79" />
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="79" />
        <source>Kiểm tra mã PIN.</source>
        <translation>Check the PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="100" />
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pin_pad.py" line="121" />
        <source>Nhập mã PIN. Mỗi số bạn chạm sẽ chỉ được đọc là một chữ số.</source>
        <translation>Enter the PIN. Each number you touch is only read as one digit.</translation>
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
    <name>StepPlayerScreen</name>
    <message>
        <location filename="../../ui/screens/step_player.py" line="164" />
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="164" />
        <source>Về bước trước.</source>
        <translation>Go to the previous step.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="165" />
        <source>Nghe lại</source>
        <translation>Listen again</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="165" />
        <source>Đọc to bước này.</source>
        <translation>Read this step aloud.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="166" />
        <source>Hỏi tình nguyện viên</source>
        <translation>Ask a volunteer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="167" />
        <source>Nhờ tình nguyện viên giúp ở bước này.</source>
        <translation>Ask a volunteer to help with this step.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="173" />
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="173" />
        <source>Bước tiếp</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="174" />
        <source>Kết thúc bài hướng dẫn.</source>
        <translation>Finish the guide.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="175" />
        <source>Sang bước tiếp theo.</source>
        <translation>Go to the next step.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="177" />
        <source>Bước {n}/{total}</source>
        <translation>Step {n}/{total}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/step_player.py" line="185" />
        <source>Không có hình</source>
        <translation>No picture</translation>
    </message>
</context>
</TS>