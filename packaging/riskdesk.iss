; Inno Setup script: the Windows installer of RiskDesk, made from the bundle folder dist\riskdesk\.
;
; On a Windows machine with Python 3.11+ and Inno Setup 6.3 or newer (https://jrsoftware.org/isinfo.php), from the
; repository folder:
;     py -m venv .venv
;     .venv\Scripts\pip install -e .[bundle]
;     .venv\Scripts\python scripts\build_bundle.py
;     "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\riskdesk.iss
; gives dist\riskdesk-setup-0.1.0.exe.
;
; The installer needs no administrator rights (PrivilegesRequired=lowest): it installs for the current user
; into %LOCALAPPDATA%\Programs\RiskDesk with an entry in the user's Start menu. The history database is not
; in that folder but in the user data folder (%LOCALAPPDATA%\RiskDesk\riskdesk.sqlite3, chosen by
; core.store.default_db_path), so installing a newer version — which replaces the program folder — and
; uninstalling both leave it alone; a newer version migrates an older database after copying it next to itself.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define BundleDir "..\dist\riskdesk"

[Setup]
; The AppId identifies RiskDesk across versions (an upgrade installs over the same entry): never change it.
AppId={{D274261C-1D92-4E7E-BAE1-2020AA06D8ED}
AppName=RiskDesk
AppVersion={#AppVersion}
AppVerName=RiskDesk {#AppVersion}
AppPublisher=RiskDesk
DefaultDirName={autopf}\RiskDesk
DefaultGroupName=RiskDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=riskdesk-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\riskdesk.exe
UninstallDisplayName=RiskDesk
; A running RiskDesk is closed (Restart Manager) before its files are replaced.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Chinese is an official Inno Setup translation only in recent releases; use it where the compiler has it.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program's libraries wholesale, so that no file of the previous version lingers
; beside the new ones. Only the program folder: the database lives elsewhere (see above).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\RiskDesk"; Filename: "{app}\riskdesk.exe"; WorkingDir: "{userdocs}"
Name: "{autoprograms}\RiskDesk (demo)"; Filename: "{app}\riskdesk.exe"; Parameters: "--demo"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\RiskDesk"; Filename: "{app}\riskdesk.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\riskdesk.exe"; Description: "{cm:LaunchProgram,RiskDesk}"; Flags: nowait postinstall skipifsilent
