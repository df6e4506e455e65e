"""Typed overloads of :func:`stdschema.datasets.get_dataset`: the model class of each
dataset edition, for type checkers (imported under ``TYPE_CHECKING`` only).

Generated from the models by ``python -m stdschema.datasets.index --write``; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, overload

if TYPE_CHECKING:
    from stdschema.datasets.base import DatasetRecord
    from stdschema.datasets.v1.aed_locations import (
        AedLocationsV1,
    )
    from stdschema.datasets.v1.care_service_providers import (
        CareServiceProvidersV1,
    )
    from stdschema.datasets.v1.childcare_facilities import (
        ChildcareFacilitiesV1,
    )
    from stdschema.datasets.v1.cultural_properties import (
        CulturalPropertiesV1,
    )
    from stdschema.datasets.v1.designated_emergency_evacuation_sites import (
        DesignatedEmergencyEvacuationSitesV1,
    )
    from stdschema.datasets.v1.events import (
        EventsV1,
    )
    from stdschema.datasets.v1.fire_water_facilities import (
        FireWaterFacilitiesV1,
    )
    from stdschema.datasets.v1.medical_institutions import (
        MedicalInstitutionsV1,
    )
    from stdschema.datasets.v1.open_data_catalog import (
        OpenDataCatalogV1,
    )
    from stdschema.datasets.v1.population_by_area_and_age import (
        PopulationByAreaAndAgeV1,
    )
    from stdschema.datasets.v1.public_facilities import (
        PublicFacilitiesV1,
    )
    from stdschema.datasets.v1.public_toilets import (
        PublicToiletsV1,
    )
    from stdschema.datasets.v1.public_wifi_access_points import (
        PublicWifiAccessPointsV1,
    )
    from stdschema.datasets.v1.tourist_facilities import (
        TouristFacilitiesV1,
    )
    from stdschema.datasets.v2.aed_locations import (
        AedLocationsV2,
    )
    from stdschema.datasets.v2.care_service_providers import (
        CareServiceProvidersV2,
    )
    from stdschema.datasets.v2.childcare_facilities import (
        ChildcareFacilitiesV2,
    )
    from stdschema.datasets.v2.cultural_properties import (
        CulturalPropertiesV2,
    )
    from stdschema.datasets.v2.designated_emergency_evacuation_sites import (
        DesignatedEmergencyEvacuationSitesV2,
    )
    from stdschema.datasets.v2.disaster_radio_stations import (
        DisasterRadioStationsV2,
    )
    from stdschema.datasets.v2.educational_institutions import (
        EducationalInstitutionsV2,
    )
    from stdschema.datasets.v2.events import (
        EventsV2,
    )
    from stdschema.datasets.v2.facilities import (
        FacilitiesV2,
    )
    from stdschema.datasets.v2.fire_water_facilities import (
        FireWaterFacilitiesV2,
    )
    from stdschema.datasets.v2.food_business_permits import (
        FoodBusinessPermitsV2,
    )
    from stdschema.datasets.v2.medical_institutions import (
        MedicalInstitutionsV2,
    )
    from stdschema.datasets.v2.open_data_catalog import (
        OpenDataCatalogV2,
    )
    from stdschema.datasets.v2.polling_stations import (
        PollingStationsV2,
    )
    from stdschema.datasets.v2.population_by_area_and_age import (
        PopulationByAreaAndAgeV2,
    )
    from stdschema.datasets.v2.public_bicycle_parking import (
        PublicBicycleParkingV2,
    )
    from stdschema.datasets.v2.public_facilities import (
        PublicFacilitiesV2,
    )
    from stdschema.datasets.v2.public_toilets import (
        PublicToiletsV2,
    )
    from stdschema.datasets.v2.public_wifi_access_points import (
        PublicWifiAccessPointsV2,
    )
    from stdschema.datasets.v2.school_districts import (
        SchoolDistrictsV2,
    )
    from stdschema.datasets.v2.school_lunch_menus import (
        SchoolLunchMenusV2,
    )
    from stdschema.datasets.v2.tourist_facilities import (
        TouristFacilitiesV2,
    )
    from stdschema.datasets.v2.tourist_points import (
        TouristPointsV2,
    )
    from stdschema.datasets.v2.waste_collection_points import (
        WasteCollectionPointsV2,
    )
    from stdschema.datasets.v2.waste_sorting_rules import (
        WasteSortingRulesV2,
    )


@overload
def get_dataset(
    dataset_id: Literal["aed_locations@v1"],
    edition: Literal["v1"] | None = None,
) -> type[AedLocationsV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["aed_locations"],
    edition: Literal["v1"],
) -> type[AedLocationsV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["care_service_providers@v1"],
    edition: Literal["v1"] | None = None,
) -> type[CareServiceProvidersV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["care_service_providers"],
    edition: Literal["v1"],
) -> type[CareServiceProvidersV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["childcare_facilities@v1"],
    edition: Literal["v1"] | None = None,
) -> type[ChildcareFacilitiesV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["childcare_facilities"],
    edition: Literal["v1"],
) -> type[ChildcareFacilitiesV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["cultural_properties@v1"],
    edition: Literal["v1"] | None = None,
) -> type[CulturalPropertiesV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["cultural_properties"],
    edition: Literal["v1"],
) -> type[CulturalPropertiesV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["designated_emergency_evacuation_sites@v1"],
    edition: Literal["v1"] | None = None,
) -> type[DesignatedEmergencyEvacuationSitesV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["designated_emergency_evacuation_sites"],
    edition: Literal["v1"],
) -> type[DesignatedEmergencyEvacuationSitesV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["events@v1"],
    edition: Literal["v1"] | None = None,
) -> type[EventsV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["events"],
    edition: Literal["v1"],
) -> type[EventsV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["fire_water_facilities@v1"],
    edition: Literal["v1"] | None = None,
) -> type[FireWaterFacilitiesV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["fire_water_facilities"],
    edition: Literal["v1"],
) -> type[FireWaterFacilitiesV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["medical_institutions@v1"],
    edition: Literal["v1"] | None = None,
) -> type[MedicalInstitutionsV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["medical_institutions"],
    edition: Literal["v1"],
) -> type[MedicalInstitutionsV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["open_data_catalog@v1"],
    edition: Literal["v1"] | None = None,
) -> type[OpenDataCatalogV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["open_data_catalog"],
    edition: Literal["v1"],
) -> type[OpenDataCatalogV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["population_by_area_and_age@v1"],
    edition: Literal["v1"] | None = None,
) -> type[PopulationByAreaAndAgeV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["population_by_area_and_age"],
    edition: Literal["v1"],
) -> type[PopulationByAreaAndAgeV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_facilities@v1"],
    edition: Literal["v1"] | None = None,
) -> type[PublicFacilitiesV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_facilities"],
    edition: Literal["v1"],
) -> type[PublicFacilitiesV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_toilets@v1"],
    edition: Literal["v1"] | None = None,
) -> type[PublicToiletsV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_toilets"],
    edition: Literal["v1"],
) -> type[PublicToiletsV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_wifi_access_points@v1"],
    edition: Literal["v1"] | None = None,
) -> type[PublicWifiAccessPointsV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_wifi_access_points"],
    edition: Literal["v1"],
) -> type[PublicWifiAccessPointsV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["tourist_facilities@v1"],
    edition: Literal["v1"] | None = None,
) -> type[TouristFacilitiesV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["tourist_facilities"],
    edition: Literal["v1"],
) -> type[TouristFacilitiesV1]: ...


@overload
def get_dataset(
    dataset_id: Literal["aed_locations@v2"],
    edition: Literal["v2"] | None = None,
) -> type[AedLocationsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["aed_locations"],
    edition: Literal["v2"],
) -> type[AedLocationsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["care_service_providers@v2"],
    edition: Literal["v2"] | None = None,
) -> type[CareServiceProvidersV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["care_service_providers"],
    edition: Literal["v2"],
) -> type[CareServiceProvidersV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["childcare_facilities@v2"],
    edition: Literal["v2"] | None = None,
) -> type[ChildcareFacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["childcare_facilities"],
    edition: Literal["v2"],
) -> type[ChildcareFacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["cultural_properties@v2"],
    edition: Literal["v2"] | None = None,
) -> type[CulturalPropertiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["cultural_properties"],
    edition: Literal["v2"],
) -> type[CulturalPropertiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["designated_emergency_evacuation_sites@v2"],
    edition: Literal["v2"] | None = None,
) -> type[DesignatedEmergencyEvacuationSitesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["designated_emergency_evacuation_sites"],
    edition: Literal["v2"],
) -> type[DesignatedEmergencyEvacuationSitesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["disaster_radio_stations@v2"],
    edition: Literal["v2"] | None = None,
) -> type[DisasterRadioStationsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["disaster_radio_stations"],
    edition: Literal["v2"],
) -> type[DisasterRadioStationsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["educational_institutions@v2"],
    edition: Literal["v2"] | None = None,
) -> type[EducationalInstitutionsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["educational_institutions"],
    edition: Literal["v2"],
) -> type[EducationalInstitutionsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["events@v2"],
    edition: Literal["v2"] | None = None,
) -> type[EventsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["events"],
    edition: Literal["v2"],
) -> type[EventsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["facilities@v2"],
    edition: Literal["v2"] | None = None,
) -> type[FacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["facilities"],
    edition: Literal["v2"],
) -> type[FacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["fire_water_facilities@v2"],
    edition: Literal["v2"] | None = None,
) -> type[FireWaterFacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["fire_water_facilities"],
    edition: Literal["v2"],
) -> type[FireWaterFacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["food_business_permits@v2"],
    edition: Literal["v2"] | None = None,
) -> type[FoodBusinessPermitsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["food_business_permits"],
    edition: Literal["v2"],
) -> type[FoodBusinessPermitsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["medical_institutions@v2"],
    edition: Literal["v2"] | None = None,
) -> type[MedicalInstitutionsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["medical_institutions"],
    edition: Literal["v2"],
) -> type[MedicalInstitutionsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["open_data_catalog@v2"],
    edition: Literal["v2"] | None = None,
) -> type[OpenDataCatalogV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["open_data_catalog"],
    edition: Literal["v2"],
) -> type[OpenDataCatalogV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["polling_stations@v2"],
    edition: Literal["v2"] | None = None,
) -> type[PollingStationsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["polling_stations"],
    edition: Literal["v2"],
) -> type[PollingStationsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["population_by_area_and_age@v2"],
    edition: Literal["v2"] | None = None,
) -> type[PopulationByAreaAndAgeV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["population_by_area_and_age"],
    edition: Literal["v2"],
) -> type[PopulationByAreaAndAgeV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_bicycle_parking@v2"],
    edition: Literal["v2"] | None = None,
) -> type[PublicBicycleParkingV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_bicycle_parking"],
    edition: Literal["v2"],
) -> type[PublicBicycleParkingV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_facilities@v2"],
    edition: Literal["v2"] | None = None,
) -> type[PublicFacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_facilities"],
    edition: Literal["v2"],
) -> type[PublicFacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_toilets@v2"],
    edition: Literal["v2"] | None = None,
) -> type[PublicToiletsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_toilets"],
    edition: Literal["v2"],
) -> type[PublicToiletsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_wifi_access_points@v2"],
    edition: Literal["v2"] | None = None,
) -> type[PublicWifiAccessPointsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_wifi_access_points"],
    edition: Literal["v2"],
) -> type[PublicWifiAccessPointsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["school_districts@v2"],
    edition: Literal["v2"] | None = None,
) -> type[SchoolDistrictsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["school_districts"],
    edition: Literal["v2"],
) -> type[SchoolDistrictsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["school_lunch_menus@v2"],
    edition: Literal["v2"] | None = None,
) -> type[SchoolLunchMenusV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["school_lunch_menus"],
    edition: Literal["v2"],
) -> type[SchoolLunchMenusV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["tourist_facilities@v2"],
    edition: Literal["v2"] | None = None,
) -> type[TouristFacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["tourist_facilities"],
    edition: Literal["v2"],
) -> type[TouristFacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["tourist_points@v2"],
    edition: Literal["v2"] | None = None,
) -> type[TouristPointsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["tourist_points"],
    edition: Literal["v2"],
) -> type[TouristPointsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["waste_collection_points@v2"],
    edition: Literal["v2"] | None = None,
) -> type[WasteCollectionPointsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["waste_collection_points"],
    edition: Literal["v2"],
) -> type[WasteCollectionPointsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["waste_sorting_rules@v2"],
    edition: Literal["v2"] | None = None,
) -> type[WasteSortingRulesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["waste_sorting_rules"],
    edition: Literal["v2"],
) -> type[WasteSortingRulesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["aed_locations"],
    edition: None = None,
) -> type[AedLocationsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["care_service_providers"],
    edition: None = None,
) -> type[CareServiceProvidersV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["childcare_facilities"],
    edition: None = None,
) -> type[ChildcareFacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["cultural_properties"],
    edition: None = None,
) -> type[CulturalPropertiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["designated_emergency_evacuation_sites"],
    edition: None = None,
) -> type[DesignatedEmergencyEvacuationSitesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["disaster_radio_stations"],
    edition: None = None,
) -> type[DisasterRadioStationsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["educational_institutions"],
    edition: None = None,
) -> type[EducationalInstitutionsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["events"],
    edition: None = None,
) -> type[EventsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["facilities"],
    edition: None = None,
) -> type[FacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["fire_water_facilities"],
    edition: None = None,
) -> type[FireWaterFacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["food_business_permits"],
    edition: None = None,
) -> type[FoodBusinessPermitsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["medical_institutions"],
    edition: None = None,
) -> type[MedicalInstitutionsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["open_data_catalog"],
    edition: None = None,
) -> type[OpenDataCatalogV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["polling_stations"],
    edition: None = None,
) -> type[PollingStationsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["population_by_area_and_age"],
    edition: None = None,
) -> type[PopulationByAreaAndAgeV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_bicycle_parking"],
    edition: None = None,
) -> type[PublicBicycleParkingV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_facilities"],
    edition: None = None,
) -> type[PublicFacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_toilets"],
    edition: None = None,
) -> type[PublicToiletsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["public_wifi_access_points"],
    edition: None = None,
) -> type[PublicWifiAccessPointsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["school_districts"],
    edition: None = None,
) -> type[SchoolDistrictsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["school_lunch_menus"],
    edition: None = None,
) -> type[SchoolLunchMenusV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["tourist_facilities"],
    edition: None = None,
) -> type[TouristFacilitiesV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["tourist_points"],
    edition: None = None,
) -> type[TouristPointsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["waste_collection_points"],
    edition: None = None,
) -> type[WasteCollectionPointsV2]: ...


@overload
def get_dataset(
    dataset_id: Literal["waste_sorting_rules"],
    edition: None = None,
) -> type[WasteSortingRulesV2]: ...


@overload
def get_dataset(dataset_id: str, edition: str | None = None) -> type[DatasetRecord]: ...


def get_dataset(dataset_id: str, edition: str | None = None) -> type[DatasetRecord]:
    from stdschema.datasets import _get_dataset

    return _get_dataset(dataset_id, edition)
