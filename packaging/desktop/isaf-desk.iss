; Inno Setup 6 script of the Windows installer of ISAF Desk (docs/INSTALL.md).
;
; Build the bundle first (pyinstaller ... packaging/desktop/isaf-desk.spec makes
; dist\isaf-desk\), then, from this folder:  iscc isaf-desk.iss
; The installer is written to dist\isaf-desk-setup-<version>.exe.
;
; What it promises a commune:
; - no administrator rights: it installs for the person who runs it, into
;   %LOCALAPPDATA%\Programs\ISAF Desk, with Start-menu entries in Khmer and English;
; - the data (accounts, forms, log) live in %LOCALAPPDATA%\ISAF Desk, which the app makes
;   (client/settings.py, default_home) and which this script never names: installing a new
;   version over an old one, or uninstalling, leaves every figure where it was;
; - an upgrade is the new installer run over the old one (same AppId): the program files are
;   replaced, the data folder is untouched.
; This file is UTF-8 with a byte-order mark: Inno Setup 6 then reads the Khmer names right.

#define AppName "ISAF Desk"
#define AppNameKm "កម្មវិធី ISAF Desk"
#define CommentKm "បញ្ចូល ធ្វើសមកាលកម្ម និងបោះពុម្ពទម្រង់ ISAF"
#define AppVersion "0.1.0"
#define Exe "{app}\isaf-desk.exe"
#define Bundle "..\..\dist\isaf-desk"

[Setup]
; Never change the AppId: Windows knows an installed ISAF Desk, to upgrade it, by this id.
AppId={{FFE1F58B-CDDB-4D8E-AF45-6DFD76751786}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ISAF Desk
VersionInfoVersion={#AppVersion}
; Per-user: no UAC prompt, nothing written outside the person's own profile.
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppName}
DisableDirPage=yes
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=isaf-desk-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running ISAF Desk is asked to close before its files are replaced.
CloseApplications=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={#Exe}
#if FileExists("isaf-desk.ico")
SetupIconFile=isaf-desk.ico
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[InstallDelete]
; The previous version's program files, so that no library of it lingers beside the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; One entry per language, both starting the same program (it opens in the language last
; chosen on this computer, Khmer the first time).
Name: "{autoprograms}\{#AppName}"; Filename: "{#Exe}"; Comment: "Enter, sync and print ISAF forms"
Name: "{autoprograms}\{#AppNameKm}"; Filename: "{#Exe}"; Comment: "{#CommentKm}"
Name: "{autodesktop}\{#AppName}"; Filename: "{#Exe}"; Tasks: desktopicon

[Run]
; Not after a silent install (an administrator's roll-out): nobody is there to use it.
Filename: "{#Exe}"; Description: "Start ISAF Desk"; Flags: postinstall nowait skipifsilent

[UninstallDelete]
; Only what the installer put there (the uninstaller removes its own files by itself); the
; data folder, %LOCALAPPDATA%\ISAF Desk, is not the program's folder and stays.
Type: dirifempty; Name: "{app}"
