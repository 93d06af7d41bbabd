; Inno Setup 6 script for the help-point kiosk ("Điểm hỗ trợ số").
; Build on Windows after the PyInstaller one-folder build (dist\help-kiosk\):
;   iscc /DAppVersion=<version from pyproject.toml> installer.iss
; The version has one source, pyproject.toml; scripts pass it in.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (taken from pyproject.toml)
#endif

[Setup]
AppId={{6F1C2B7E-3D4A-4C1B-9B8E-5A2D7C9E4F10}
AppName=Điểm hỗ trợ số
AppVersion={#AppVersion}
AppPublisher=Tổ Công nghệ số cộng đồng
DefaultDirName={autopf}\HelpPointKiosk
DefaultGroupName=Điểm hỗ trợ số
OutputBaseFilename=help-point-kiosk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
PrivilegesRequired=admin
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "dist\help-kiosk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Dirs]
; Data is machine-wide and kept on upgrade and uninstall.
Name: "{commonappdata}\ToCNSCD\HelpPointKiosk"; Permissions: users-modify; Flags: uninsneveruninstall

[Icons]
Name: "{group}\Điểm hỗ trợ số"; Filename: "{app}\help-kiosk.exe"
Name: "{commondesktop}\Điểm hỗ trợ số"; Filename: "{app}\help-kiosk.exe"
