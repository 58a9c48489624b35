from schema.build import SDL_PATH, export_sdl


def test_checked_in_sdl_matches_the_schema() -> None:
    assert SDL_PATH.read_text() == export_sdl(), (
        "schema/schema.graphql drifted: run `cryptoorchestrator export-schema` and commit it"
    )
