"""Profile avatars through GraphQL and GET /avatars/{handle}: the upload is checked by content,
turned upright, centre-cropped, resized to 256x256 and re-encoded without metadata; bad input is
BAD_USER_INPUT on `image` and stores nothing; only the owner sets or removes it; the picture is
public only for an opted-in profile, with an ETag and a content-versioned URL."""

from __future__ import annotations

import base64
import os
from io import BytesIO

import httpx
from PIL import Image

from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import paper_account

UPSERT = "mutation($i: TraderProfileInput!) { upsertTraderProfile(input: $i) { handle } }"
SET = "mutation($img: String!) { setAvatar(image: $img) { handle avatarUrl hasAvatar } }"
REMOVE = "mutation { removeAvatar { avatarUrl hasAvatar } }"
MINE = "{ myTraderProfile { avatarUrl hasAvatar } }"
PUBLIC = "query($h: String!) { traderProfile(handle: $h) { avatarUrl } }"
RED = (220, 20, 20)
BLUE = (20, 20, 220)


async def with_profile(gql: GraphQLClient, handle: str) -> str:
    token = await gql.register(f"{handle}@example.com")
    account = await paper_account(gql, token)
    await gql.data(UPSERT, {"i": {"handle": handle, "publicAccountIds": [account]}}, token)
    return token


def encoded(image: Image.Image, fmt: str, **save: object) -> str:
    out = BytesIO()
    image.save(out, format=fmt, **save)
    return base64.b64encode(out.getvalue()).decode()


def two_halves(size: tuple[int, int] = (400, 200)) -> Image.Image:
    """Top half red, bottom half blue."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0], size[1] // 2))
    return image


def near(pixel: tuple[int, ...], colour: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(pixel[:3], colour, strict=True))


async def error_of(gql: GraphQLClient, image: str, token: str) -> dict[str, object]:
    body = await gql.raw(SET, {"img": image}, token)
    assert body.get("errors"), body
    error: dict[str, object] = body["errors"][0]
    return error


async def test_upload_is_upright_square_256_without_metadata_and_served_with_caching(
    gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    token = await with_profile(gql, "picasso")
    # A landscape JPEG whose EXIF says "rotate 90° clockwise to view", plus camera metadata.
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 19.0, 45.0)}  # GPS info
    photo = encoded(two_halves(), "JPEG", exif=exif.tobytes(), quality=95)

    shown = (await gql.data(SET, {"img": photo}, token))["setAvatar"]
    assert shown["hasAvatar"] is True
    url = shown["avatarUrl"]
    assert url.startswith("/avatars/picasso?v=")
    version = url.split("?v=")[1]
    assert (await gql.data(MINE, token=token))["myTraderProfile"]["avatarUrl"] == url
    assert (await gql.data(PUBLIC, {"h": "picasso"}))["traderProfile"]["avatarUrl"] == url

    response = await client.get(url)  # public: no token
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/webp"
    assert response.headers["etag"] == f'"{version}"'
    assert "immutable" in response.headers["cache-control"]
    served = Image.open(BytesIO(response.content))
    assert served.format == "WEBP"
    assert served.size == (256, 256)
    # Upright: after the 90° turn the red top is on the right, the blue bottom on the left.
    rgb = served.convert("RGB")
    assert near(rgb.getpixel((40, 128)), BLUE)  # type: ignore[arg-type]
    assert near(rgb.getpixel((216, 128)), RED)  # type: ignore[arg-type]
    assert len(served.getexif()) == 0
    assert not {"exif", "xmp", "icc_profile"} & set(served.info)
    assert b"SecretCam" not in response.content

    again = await client.get(url, headers={"If-None-Match": f'"{version}"'})
    assert again.status_code == 304
    assert again.content == b""
    unversioned = await client.get("/avatars/PICASSO")  # handles are case-insensitive
    assert unversioned.status_code == 200
    assert unversioned.content == response.content
    assert "immutable" not in unversioned.headers["cache-control"]


async def test_a_new_avatar_gets_a_new_url_and_removing_it_unpublishes_it(
    gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    token = await with_profile(gql, "monet")
    first = await gql.data(SET, {"img": encoded(two_halves((300, 300)), "PNG")}, token)
    second = await gql.data(SET, {"img": encoded(Image.new("RGB", (64, 64), RED), "WEBP")}, token)
    url1, url2 = first["setAvatar"]["avatarUrl"], second["setAvatar"]["avatarUrl"]
    assert url1 != url2
    picture = Image.open(BytesIO((await client.get(url2)).content)).convert("RGB")
    assert picture.size == (256, 256)  # small images are scaled up to the one size
    assert near(picture.getpixel((128, 128)), RED)  # type: ignore[arg-type]

    removed = (await gql.data(REMOVE, token=token))["removeAvatar"]
    assert removed == {"avatarUrl": None, "hasAvatar": False}
    assert (await client.get("/avatars/monet")).status_code == 404
    assert (await gql.data(PUBLIC, {"h": "monet"}))["traderProfile"]["avatarUrl"] is None


async def test_bad_images_are_refused_naming_image_and_nothing_is_stored(
    gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    token = await with_profile(gql, "careful")
    good = (await gql.data(SET, {"img": encoded(two_halves(), "PNG")}, token))["setAvatar"]
    before = (await client.get(good["avatarUrl"])).content

    gif = encoded(Image.new("RGB", (32, 32), RED), "GIF")
    text = base64.b64encode(b"<svg onload='alert(1)'></svg>").decode()
    fake_png = base64.b64encode(b"\x89PNG\r\n\x1a\n definitely not a picture").decode()
    truncated = base64.b64encode(base64.b64decode(encoded(two_halves(), "PNG"))[:120]).decode()
    # 12,000 x 12,000 one-bit pixels compress to a few KB but would decode to 144 Mpx.
    bomb = encoded(Image.new("1", (12_000, 12_000)), "PNG")
    too_big = base64.b64encode(os.urandom(2 * 1024 * 1024 + 1)).decode()
    cases = {
        "not base64 !": "base64",
        gif: "PNG, JPEG or WebP",
        text: "PNG, JPEG or WebP",
        fake_png: "decoded",
        truncated: "decoded",
        bomb: "too large",
        too_big: "2 MiB",
        "": "empty",
    }
    for image, words in cases.items():
        error = await error_of(gql, image, token)
        extensions = error["extensions"]
        assert isinstance(extensions, dict)
        assert extensions["code"] == "BAD_USER_INPUT", error
        assert extensions["field"] == "image"
        assert words in str(error["message"]), error

    mine = (await gql.data(MINE, token=token))["myTraderProfile"]
    assert mine["avatarUrl"] == good["avatarUrl"]  # unchanged
    assert (await client.get("/avatars/careful")).content == before


async def test_the_format_comes_from_the_content_not_the_callers_claim(
    gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    token = await with_profile(gql, "honest")
    jpeg = encoded(Image.new("RGB", (50, 80), BLUE), "JPEG")
    claimed_png = f"data:image/png;base64,{jpeg}"
    url = (await gql.data(SET, {"img": claimed_png}, token))["setAvatar"]["avatarUrl"]
    served = await client.get(url)
    assert served.headers["content-type"] == "image/webp"
    assert Image.open(BytesIO(served.content)).size == (256, 256)


async def test_only_the_owner_with_a_profile_sets_an_avatar_and_only_profiles_show_one(
    gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    png = encoded(two_halves(), "PNG")
    assert await gql.error_code(SET, {"img": png}) == "UNAUTHENTICATED"
    assert await gql.error_code(REMOVE) == "UNAUTHENTICATED"
    nobody = await gql.register("nobody@example.com")
    assert await gql.error_code(SET, {"img": png}, nobody) == "NOT_FOUND"  # not opted in

    owner = await with_profile(gql, "owner")
    await gql.data(SET, {"img": png}, owner)
    other = await with_profile(gql, "other")
    # Another user's removeAvatar only touches their own (empty) avatar.
    await gql.data(REMOVE, token=other)
    assert (await client.get("/avatars/owner")).status_code == 200
    assert (await client.get("/avatars/other")).status_code == 404
    assert (await client.get("/avatars/no_such_handle")).status_code == 404
