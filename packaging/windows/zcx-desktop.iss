; Inno Setup 6 script: installs the PyInstaller one-folder build of ZCX Desktop on Windows 10/11.
; Build steps: see packaging/windows/README.md. Compile with:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DSourceDir=C:\zcx-build\dist\zcx-desktop packaging\windows\zcx-desktop.iss
; Per-user install by default (no administrator rights needed); the library is never touched
; by install, upgrade or uninstall: it lives in %LOCALAPPDATA%\zcx-desktop\library.

#define AppName "政策阅读批注 ZCX Desktop"
#define AppExe "zcx-desktop.exe"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\zcx-desktop"
#endif
#ifndef IconFile
  #define IconFile "C:\zcx-build\icons\zcx-desktop.ico"
#endif

[Setup]
AppId={{6F1C5B7E-3C2A-4E0B-9D2F-5A7C1E8B4D21}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=ZCX Desktop
DefaultDirName={autopf}\ZCX Desktop
DefaultGroupName=政策阅读批注
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=Output
OutputBaseFilename=zcx-desktop-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
DisableProgramGroupPage=yes
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder bundle: zcx-desktop.exe (GUI), zcx.exe (command line), _internal\
; (Python, Qt, resources\fonts, resources\sample, database\).
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\政策阅读批注"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,政策阅读批注}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\政策阅读批注"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,政策阅读批注}"; Flags: nowait postinstall skipifsilent
