; Inno Setup script for gcmdesk (Windows 10/11, x64). Cannot be built on the Linux CI: build on
; Windows after `pyinstaller packaging\gcmdesk.spec` (see packaging\windows\README.md).
; Per-user install, no administrator rights; uninstalling keeps the user's data
; (%LOCALAPPDATA%\gcmdesk), which the installer never touches.

#define AppName "gcmdesk"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "gcmdesk.exe"

[Setup]
AppId={{6F1C2B7E-3D4A-4E8B-9C21-5A7D0E4B9F13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=gcmdesk developers
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=gcmdesk-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\gcmdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
LicenseFile=..\..\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The PyInstaller one-folder bundle: gcmdesk.exe (GUI, no console) and gcmdesk-cli.exe.
Source: "..\..\dist\gcmdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only program files; the user data folder is deliberately left in place.
Type: filesandordirs; Name: "{app}\_internal"
