from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.export_format import ExportFormat
from ..models.export_status import ExportStatus
from ..models.granularity import Granularity
from ..models.locale import Locale
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.export_filters import ExportFilters
  from ..models.export_progress import ExportProgress





T = TypeVar("T", bound="Export")



@_attrs_define
class Export:
    """ An export job: what it exports, how far it is, and its file once it succeeded.

        Attributes:
            attempts (int): Runs started (retries after a crash).
            bom (bool): CSV starts with a UTF-8 BOM.
            created_at (datetime.datetime): RFC 3339, UTC.
            created_from (str): First day (YYYY-MM-DD, shop timezone).
            created_to (str): Last day (YYYY-MM-DD, shop timezone, inclusive).
            error (None | str): Why the job failed; null otherwise.
            expires_at (datetime.datetime | None): RFC 3339, UTC; null until it happens.
            fields (list[str]): Columns, in order (the required ones first).
            file_url (None | str): Download path while the job is `succeeded`; null otherwise.
            filters (ExportFilters): The order-list filters as given (unset ones left out).
            finished_at (datetime.datetime | None): RFC 3339, UTC; null until it happens.
            format_ (ExportFormat): File format of an export job.
            granularity (Granularity): One line per order, or one line per order item.
            id (int): Export job id.
            locale (Locale): Column headers: `en` the field names, `zh` Chinese labels.
            pii_masked (bool): Receiver fields are masked (the requester could not read PII).
            progress (ExportProgress): Rows written so far, of how many.
            sha256 (None | str): Hex SHA-256 of the file once written.
            shop_id (int): The shop the job belongs to (the first of `shop_ids`).
            shop_ids (list[int]): Every shop whose orders it exports (one unless created over `POST /v1/exports`; then the
                file leads with a `shop_id` column).
            size_bytes (int | None): File size once written.
            started_at (datetime.datetime | None): RFC 3339, UTC; null until it happens.
            status (ExportStatus): Life of an export job: queued → running → succeeded | failed | cancelled; a
                succeeded job's file expires after ORDERGATE_EXPORT_TTL_DAYS.
     """

    attempts: int
    bom: bool
    created_at: datetime.datetime
    created_from: str
    created_to: str
    error: None | str
    expires_at: datetime.datetime | None
    fields: list[str]
    file_url: None | str
    filters: ExportFilters
    finished_at: datetime.datetime | None
    format_: ExportFormat
    granularity: Granularity
    id: int
    locale: Locale
    pii_masked: bool
    progress: ExportProgress
    sha256: None | str
    shop_id: int
    shop_ids: list[int]
    size_bytes: int | None
    started_at: datetime.datetime | None
    status: ExportStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.export_filters import ExportFilters # noqa: PLC0415
        from ..models.export_progress import ExportProgress # noqa: PLC0415
        attempts = self.attempts

        bom = self.bom

        created_at = self.created_at.isoformat()

        created_from = self.created_from

        created_to = self.created_to

        error: None | str
        error = self.error

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        fields = self.fields



        file_url: None | str
        file_url = self.file_url

        filters = self.filters.to_dict()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        format_ = self.format_.value

        granularity = self.granularity.value

        id = self.id

        locale = self.locale.value

        pii_masked = self.pii_masked

        progress = self.progress.to_dict()

        sha256: None | str
        sha256 = self.sha256

        shop_id = self.shop_id

        shop_ids = self.shop_ids



        size_bytes: int | None
        size_bytes = self.size_bytes

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "attempts": attempts,
            "bom": bom,
            "created_at": created_at,
            "created_from": created_from,
            "created_to": created_to,
            "error": error,
            "expires_at": expires_at,
            "fields": fields,
            "file_url": file_url,
            "filters": filters,
            "finished_at": finished_at,
            "format": format_,
            "granularity": granularity,
            "id": id,
            "locale": locale,
            "pii_masked": pii_masked,
            "progress": progress,
            "sha256": sha256,
            "shop_id": shop_id,
            "shop_ids": shop_ids,
            "size_bytes": size_bytes,
            "started_at": started_at,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_filters import ExportFilters # noqa: PLC0415
        from ..models.export_progress import ExportProgress # noqa: PLC0415
        d = dict(src_dict)
        attempts = d.pop("attempts")

        bom = d.pop("bom")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        created_from = d.pop("created_from")

        created_to = d.pop("created_to")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))


        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))


        fields = cast(list[str], d.pop("fields"))


        def _parse_file_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        file_url = _parse_file_url(d.pop("file_url"))


        filters = ExportFilters.from_dict(d.pop("filters"))




        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)



                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))


        format_ = ExportFormat(d.pop("format"))




        granularity = Granularity(d.pop("granularity"))




        id = d.pop("id")

        locale = Locale(d.pop("locale"))




        pii_masked = d.pop("pii_masked")

        progress = ExportProgress.from_dict(d.pop("progress"))




        def _parse_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sha256 = _parse_sha256(d.pop("sha256"))


        shop_id = d.pop("shop_id")

        shop_ids = cast(list[int], d.pop("shop_ids"))


        def _parse_size_bytes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        size_bytes = _parse_size_bytes(d.pop("size_bytes"))


        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)



                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))


        status = ExportStatus(d.pop("status"))




        export = cls(
            attempts=attempts,
            bom=bom,
            created_at=created_at,
            created_from=created_from,
            created_to=created_to,
            error=error,
            expires_at=expires_at,
            fields=fields,
            file_url=file_url,
            filters=filters,
            finished_at=finished_at,
            format_=format_,
            granularity=granularity,
            id=id,
            locale=locale,
            pii_masked=pii_masked,
            progress=progress,
            sha256=sha256,
            shop_id=shop_id,
            shop_ids=shop_ids,
            size_bytes=size_bytes,
            started_at=started_at,
            status=status,
        )


        export.additional_properties = d
        return export

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
