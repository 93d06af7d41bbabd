; Inno Setup 6 script for the help-point kiosk ("Điểm hỗ trợ số").
;
; Build on Windows, from the repository root, after the PyInstaller one-folder build
; (dist\help-kiosk\ with help-kiosk.exe and help-kiosk-cmd.exe; see docs\windows.md):
;   iscc "/DAppVersion=$(python scripts/version.py)" installer.iss      (PowerShell)
; The version has one source, pyproject.toml; scripts/version.py prints it. The installer is
; written to dist\help-point-kiosk-<version>-setup.exe.
;
; What it does:
; - installs the one-folder build under Program Files ({autopf}\HelpPointKiosk);
; - creates the machine-wide data folder under ProgramData, writable by every local user
;   (the kiosk account and the staff accounts share one database). The data is KEPT on upgrade
;   and on uninstall; the uninstaller asks, default "No", whether to delete it;
; - a desktop shortcut, Start-menu entries (kiosk, windowed, self-test);
; - optional task: start the kiosk at every sign-in (HKLM Run key). It runs
;   {app}\help-kiosk.exe directly: the frozen build has no supervisor flag yet, so a crash is
;   not restarted automatically (see docs\windows.md for Shell Launcher, which restarts it);
; - looks for a Vietnamese voice that SAPI5 (and so pyttsx3) can use. If only the OneCore
;   list has one ("Microsoft An" after adding Vietnamese speech in Settings), it offers to copy
;   the voice token across (pyttsx3 issue #397); if there is none, it explains how to add it.
;   The kiosk runs without a voice either way.
;
; The Vietnamese wizard messages come from Inno Setup's unofficial Vietnamese.isl (not in the
; default install): put it in the compiler's Languages\Unofficial folder or next to this file
; as installer-Vietnamese.isl (docs\windows.md says where to get it).

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (python scripts/version.py prints it from pyproject.toml)
#endif

#define AppName "Điểm hỗ trợ số"
#define AppExe "help-kiosk.exe"
#define AppCmdExe "help-kiosk-cmd.exe"
#define BuildDir "dist\help-kiosk"
#define DataDir "{commonappdata}\ToCNSCD\HelpPointKiosk"

#if FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\Vietnamese.isl")
  #define VietnameseIsl "compiler:Languages\Unofficial\Vietnamese.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Vietnamese.isl")
  #define VietnameseIsl "compiler:Languages\Vietnamese.isl"
#elif FileExists(AddBackslash(SourcePath) + "installer-Vietnamese.isl")
  #define VietnameseIsl "installer-Vietnamese.isl"
#else
  #error Vietnamese.isl not found: copy it to the Inno Setup "Languages\Unofficial" folder (docs\windows.md)
#endif

[Setup]
; The AppId never changes: it is how an upgrade finds the installed kiosk.
AppId={{6F1C2B7E-3D4A-4C1B-9B8E-5A2D7C9E4F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Tổ Công nghệ số cộng đồng
DefaultDirName={autopf}\HelpPointKiosk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
OutputDir=dist
OutputBaseFilename=help-point-kiosk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; An upgrade while the kiosk is open: close it (Restart Manager), replace the files.
CloseApplications=yes
RestartApplications=no
SetupLogging=yes
ShowLanguageDialog=auto

[Languages]
Name: "vi"; MessagesFile: "{#VietnameseIsl}"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vi.DesktopIcon=Tạo biểu tượng trên màn hình nền
en.DesktopIcon=Create a desktop shortcut
vi.AutoStart=Tự mở kiosk (toàn màn hình) mỗi khi đăng nhập Windows
en.AutoStart=Start the kiosk (full screen) at every Windows sign-in
vi.ShortcutsGroup=Biểu tượng:
en.ShortcutsGroup=Shortcuts:
vi.StartGroup=Khởi động:
en.StartGroup=Start-up:
vi.Windowed=Điểm hỗ trợ số (trong cửa sổ)
en.Windowed=Help point kiosk (in a window)
vi.SelfTest=Tự kiểm tra kiosk
en.SelfTest=Kiosk self-test
vi.RunNow=Mở kiosk ngay bây giờ (trong cửa sổ)
en.RunNow=Open the kiosk now (in a window)
vi.VoiceCaption=Giọng đọc tiếng Việt
en.VoiceCaption=Vietnamese voice
vi.VoiceCopyDesc=Máy này có giọng “Microsoft An” nhưng kiosk chưa dùng được
en.VoiceCopyDesc=This PC has the "Microsoft An" voice, but the kiosk cannot use it yet
vi.VoiceCopyText=Giọng tiếng Việt của Windows nằm trong danh sách “OneCore”, mà bộ đọc của kiosk (SAPI5) không thấy. Trình cài đặt có thể chép khóa giọng đọc sang danh sách SAPI5 (chỉ thêm, không xóa gì). Nếu bỏ chọn, kiosk vẫn chạy nhưng không đọc to được.
en.VoiceCopyText=Windows keeps its Vietnamese voice in the "OneCore" list, which the kiosk's speech engine (SAPI5) does not see. Setup can copy the voice's registry token to the SAPI5 list (it only adds, it deletes nothing). If you untick this, the kiosk runs but cannot read aloud.
vi.VoiceCopyOption=Chép giọng tiếng Việt cho kiosk (khuyến nghị)
en.VoiceCopyOption=Copy the Vietnamese voice for the kiosk (recommended)
vi.VoiceMissingDesc=Máy này chưa có giọng đọc tiếng Việt
en.VoiceMissingDesc=This PC has no Vietnamese voice yet
vi.VoiceMissingText=Kiosk vẫn chạy bình thường, chỉ chưa đọc to được. Để thêm giọng “Microsoft An”:%n%n1. Mở Cài đặt (Settings) → Thời gian và ngôn ngữ (Time & language) → Ngôn ngữ và vùng (Language & region).%n2. Thêm ngôn ngữ “Tiếng Việt”, đánh dấu “Chuyển văn bản thành giọng nói” (Text-to-speech).%n   Hoặc trong PowerShell (quản trị): Add-WindowsCapability -Online -Name "Language.TextToSpeech~~~vi-VN~0.0.1.0"%n3. Chạy lại trình cài đặt này: nó sẽ chép giọng cho kiosk.%n   Hoặc trong Command Prompt (quản trị):%n   reg copy "HKLM\SOFTWARE\Microsoft\Speech_OneCore\Voices\Tokens\MSTTS_V110_viVN_An" "HKLM\SOFTWARE\Microsoft\Speech\Voices\Tokens\MSTTS_V110_viVN_An" /s /f /reg:64%n%nSau đó chạy “Tự kiểm tra kiosk” trong menu Start: dòng “Giọng đọc” phải là ĐẠT.
en.VoiceMissingText=The kiosk runs normally, it just cannot read aloud yet. To add the "Microsoft An" voice:%n%n1. Open Settings → Time & language → Language & region.%n2. Add "Vietnamese" with "Text-to-speech" ticked.%n   Or in PowerShell (as administrator): Add-WindowsCapability -Online -Name "Language.TextToSpeech~~~vi-VN~0.0.1.0"%n3. Run this setup again: it will copy the voice for the kiosk.%n   Or in Command Prompt (as administrator):%n   reg copy "HKLM\SOFTWARE\Microsoft\Speech_OneCore\Voices\Tokens\MSTTS_V110_viVN_An" "HKLM\SOFTWARE\Microsoft\Speech\Voices\Tokens\MSTTS_V110_viVN_An" /s /f /reg:64%n%nThen run "Kiosk self-test" from the Start menu: the voice line must say ĐẠT (passed).
vi.VoiceCopyFailed=Không chép được giọng đọc (mã lỗi %1). Kiosk vẫn chạy, không đọc to. Xem hướng dẫn trong docs\windows.md.
en.VoiceCopyFailed=Could not copy the voice (error %1). The kiosk runs without reading aloud. See docs\windows.md.
vi.RemoveDataAsk=Xóa cả DỮ LIỆU của kiosk?%n%n%1%n%nDữ liệu gồm hồ sơ hỗ trợ, số liệu báo cáo, cài đặt và các bản sao lưu. Nếu chỉ gỡ để cài lại hoặc nâng cấp, hãy chọn “Không” (giữ dữ liệu).%n%nChỉ chọn “Có” khi đã chép bản sao lưu mới nhất ra USB và chắc chắn không cần dữ liệu này nữa.
en.RemoveDataAsk=Also delete the kiosk's DATA?%n%n%1%n%nThe data holds the assistance records, report figures, settings and backups. If you are only uninstalling to reinstall or upgrade, choose "No" (keep the data).%n%nChoose "Yes" only if the latest backup is copied to a USB drive and you are sure the data is no longer needed.
vi.RemoveDataFailed=Không xóa hết được thư mục dữ liệu %1. Hãy xóa bằng tay nếu cần.
en.RemoveDataFailed=Could not delete all of the data folder %1. Delete it by hand if needed.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:ShortcutsGroup}"
Name: "autostart"; Description: "{cm:AutoStart}"; GroupDescription: "{cm:StartGroup}"; Flags: unchecked

[Files]
Source: "{#BuildDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BuildDir}\{#AppCmdExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BuildDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: recursesubdirs createallsubdirs ignoreversion
Source: "docs\windows.md"; DestDir: "{app}\docs"; Flags: ignoreversion

[InstallDelete]
; Files of an older version that the new one no longer ships must not linger in _internal.
Type: filesandordirs; Name: "{app}\_internal"

[Dirs]
; Machine-wide data (platformdirs' site data dir for HelpPointKiosk/ToCNSCD), kept on upgrade
; and uninstall. Every local user may write: the kiosk account and staff share one database.
Name: "{#DataDir}"; Permissions: users-modify; Flags: uninsneveruninstall

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{cm:Windowed}"; Filename: "{app}\{#AppExe}"; Parameters: "--windowed"
Name: "{autoprograms}\{cm:SelfTest}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#AppCmdExe}"" --self-test"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Start at sign-in for every user of this PC (the dedicated kiosk account is the one that
; matters). Runs the kiosk directly: there is no supervisor flag in the frozen build yet.
Root: HKLM; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "HelpPointKiosk"; ValueData: """{app}\{#AppExe}"""; Tasks: autostart; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "--windowed"; Description: "{cm:RunNow}"; Flags: nowait postinstall skipifsilent unchecked

[Code]
const
  SapiTokens = 'SOFTWARE\Microsoft\Speech\Voices\Tokens';
  OneCoreTokens = 'SOFTWARE\Microsoft\Speech_OneCore\Voices\Tokens';
  DataFolder = '{#DataDir}';

var
  VoiceCopyPage: TInputOptionWizardPage;
  VoiceMissingPage: TOutputMsgMemoWizardPage;
  SapiHasVietnamese: Boolean;
  OneCoreVietnamese: TArrayOfString;
  RemoveData: Boolean;

{ A voice token is Vietnamese when its name says vi-VN (MSTTS_V110_viVN_An) or its
  Attributes\Language lists LCID 42A (hex, ";"-separated). }
function IsVietnameseToken(const Base, Name: String): Boolean;
var
  Lang: String;
begin
  Result := (Pos('VIVN', Uppercase(Name)) > 0) or (Pos('VI-VN', Uppercase(Name)) > 0);
  if not Result then
    if RegQueryStringValue(HKLM, Base + '\' + Name + '\Attributes', 'Language', Lang) then
      Result := Pos(';42A;', ';' + Uppercase(Lang) + ';') > 0;
end;

procedure FindVietnameseTokens(const Base: String; var Found: TArrayOfString);
var
  Names: TArrayOfString;
  I, N: Integer;
begin
  N := 0;
  SetArrayLength(Found, 0);
  if RegGetSubkeyNames(HKLM, Base, Names) then
    for I := 0 to GetArrayLength(Names) - 1 do
      if IsVietnameseToken(Base, Names[I]) then
      begin
        SetArrayLength(Found, N + 1);
        Found[N] := Names[I];
        N := N + 1;
      end;
end;

procedure InitializeWizard;
var
  SapiVietnamese: TArrayOfString;
begin
  FindVietnameseTokens(SapiTokens, SapiVietnamese);
  FindVietnameseTokens(OneCoreTokens, OneCoreVietnamese);
  SapiHasVietnamese := GetArrayLength(SapiVietnamese) > 0;
  Log('Vietnamese voice tokens: SAPI5 ' + IntToStr(GetArrayLength(SapiVietnamese))
    + ', OneCore ' + IntToStr(GetArrayLength(OneCoreVietnamese)));

  VoiceCopyPage := CreateInputOptionPage(wpSelectTasks, CustomMessage('VoiceCaption'),
    CustomMessage('VoiceCopyDesc'), CustomMessage('VoiceCopyText'), False, False);
  VoiceCopyPage.Add(CustomMessage('VoiceCopyOption'));
  VoiceCopyPage.Values[0] := True;

  VoiceMissingPage := CreateOutputMsgMemoPage(VoiceCopyPage.ID, CustomMessage('VoiceCaption'),
    CustomMessage('VoiceMissingDesc'), '', CustomMessage('VoiceMissingText'));
end;

function ShouldSkipPage(PageID: Integer): Boolean;
begin
  Result := False;
  if PageID = VoiceCopyPage.ID then
    Result := SapiHasVietnamese or (GetArrayLength(OneCoreVietnamese) = 0)
  else if PageID = VoiceMissingPage.ID then
    Result := SapiHasVietnamese or (GetArrayLength(OneCoreVietnamese) > 0);
end;

{ Copy each Vietnamese OneCore token into the SAPI5 list (64-bit view, like the kiosk). }
procedure CopyVietnameseVoices;
var
  I, Code: Integer;
  Params: String;
begin
  for I := 0 to GetArrayLength(OneCoreVietnamese) - 1 do
  begin
    Params := Format('copy "HKLM\%s\%s" "HKLM\%s\%s" /s /f /reg:64',
      [OneCoreTokens, OneCoreVietnamese[I], SapiTokens, OneCoreVietnamese[I]]);
    Log('reg.exe ' + Params);
    if not Exec(ExpandConstant('{sys}\reg.exe'), Params, '', SW_HIDE,
                ewWaitUntilTerminated, Code) or (Code <> 0) then
      SuppressibleMsgBox(FmtMessage(CustomMessage('VoiceCopyFailed'), [IntToStr(Code)]),
        mbError, MB_OK, IDOK);
  end;
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssPostInstall) and not SapiHasVietnamese
     and (GetArrayLength(OneCoreVietnamese) > 0) and VoiceCopyPage.Values[0] then
    CopyVietnameseVoices;
end;

{ Data stays unless the person says otherwise; a silent uninstall never deletes it. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  Folder := ExpandConstant(DataFolder);
  if CurUninstallStep = usUninstall then
  begin
    RemoveData := False;
    if not UninstallSilent and DirExists(Folder) then
      RemoveData := MsgBox(FmtMessage(CustomMessage('RemoveDataAsk'), [Folder]),
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  end
  else if (CurUninstallStep = usPostUninstall) and RemoveData then
  begin
    Log('Removing data folder ' + Folder);
    if not DelTree(Folder, True, True, True) then
      MsgBox(FmtMessage(CustomMessage('RemoveDataFailed'), [Folder]), mbError, MB_OK);
    RemoveDir(ExtractFileDir(Folder));
  end;
end;
