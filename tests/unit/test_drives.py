"""The kiosk's own list of removable drives and files (issue #16 item 3): only USB sticks,
only the wanted files, never above a drive's root."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.drives import files_on, linux_drives, within

MOUNTS = """\
sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
/dev/sda1 / ext4 rw,relatime 0 0
/dev/sda2 /boot vfat rw,relatime 0 0
tmpfs /run tmpfs rw,nosuid,nodev 0 0
/dev/sdb1 /media/lan/KINGSTON vfat rw,nosuid,nodev,uid=1000 0 0
/dev/sdc1 /media/lan/USB\\040C\\303\\241n\\040b\\341\\273\\231 exfat rw,nosuid 0 0
/dev/sdd1 /run/media/kiosk/SANDISK vfat rw 0 0
/dev/sde1 /mnt/usb vfat rw 0 0
/dev/sdf1 /media/usb0 vfat rw 0 0
tmpfs /mnt/ramdisk tmpfs rw 0 0
/dev/sda3 /home/lan/media ext4 rw 0 0
/dev/sdg1 /media/lan/deep/er vfat rw 0 0
"""


def test_only_removable_mount_points_are_drives() -> None:
    drives = linux_drives(MOUNTS, is_dir=lambda _p: True)
    assert [str(d.root) for d in drives] == [
        "/media/lan/KINGSTON", "/media/lan/USB Cán bộ", "/media/usb0", "/mnt/usb",
        "/run/media/kiosk/SANDISK"]
    assert drives[0].label == "KINGSTON"
    assert drives[1].label == "USB Cán bộ"  # \040 and UTF-8 octal escapes decoded


def test_a_mount_point_that_is_gone_is_not_listed() -> None:
    assert linux_drives(MOUNTS, is_dir=lambda p: p.name != "KINGSTON")[0].label != "KINGSTON"


def test_files_on_a_drive_are_the_wanted_kind_newest_first_and_never_above_it(
        tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    (usb / "to-luu-dong" / "thang-3").mkdir(parents=True)
    (usb / ".Trash-1000").mkdir()
    (usb / "System Volume Information").mkdir()
    old = usb / "goi-cu.zip"
    old.write_bytes(b"PK")
    os.utime(old, (1_700_000_000, 1_700_000_000))
    (usb / "to-luu-dong" / "thang-3" / "goi-moi.ZIP").write_bytes(b"PK")
    (usb / "ghi-chu.txt").write_text("x")
    (usb / ".Trash-1000" / "da-xoa.zip").write_bytes(b"PK")
    (usb / "System Volume Information" / "x.zip").write_bytes(b"PK")
    outside = tmp_path / "secret.zip"
    outside.write_bytes(b"PK")
    os.symlink(outside, usb / "link.zip")
    os.symlink(tmp_path, usb / "up")
    deep = usb / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    (deep / "too-deep.zip").write_bytes(b"PK")

    found = files_on(usb, (".zip",))
    assert [f.relative for f in found] == ["to-luu-dong/thang-3/goi-moi.ZIP", "goi-cu.zip"]
    assert all(within(usb, f.path) for f in found)
    assert not within(usb, usb / "up" / "secret.zip")
    assert len(files_on(usb, (".zip",), limit=1)) == 1
